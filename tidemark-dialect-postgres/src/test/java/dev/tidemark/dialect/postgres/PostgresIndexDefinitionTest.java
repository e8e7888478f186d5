package dev.tidemark.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.dialect.nativesql.InvalidSqlException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** pg_get_indexdef output, as PostgreSQL 15 prints it, taken apart and rebuilt under a restore's own names. */
class PostgresIndexDefinitionTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "CREATE UNIQUE INDEX orders_pkey ON public.orders USING btree (id)|USING btree (id)",
            "CREATE INDEX orders_email ON public.orders USING btree (lower((email)::text) text_pattern_ops DESC NULLS LAST)"
                    + " WHERE (note IS NOT NULL)|USING btree (lower((email)::text) text_pattern_ops DESC NULLS LAST)"
                    + " WHERE (note IS NOT NULL)",
            "CREATE INDEX orders_tags ON public.orders USING gin (tags)|USING gin (tags)",
            "CREATE INDEX orders_price ON public.orders USING btree (price) INCLUDE (note) WITH (fillfactor='70')"
                    + "|USING btree (price) INCLUDE (note) WITH (fillfactor='70')",
            "CREATE UNIQUE INDEX orders_note ON public.orders USING btree (note COLLATE \"C\") NULLS NOT DISTINCT"
                    + "|USING btree (note COLLATE \"C\") NULLS NOT DISTINCT",
            "CREATE INDEX orders_sum ON public.orders USING btree ((((price * (2)::numeric) + (1)::numeric)),"
                    + " ((feeling = ANY (ARRAY['happy'::mood]))))|USING btree ((((price * (2)::numeric) + (1)::numeric)),"
                    + " ((feeling = ANY (ARRAY['happy'::mood]))))",
            "CREATE INDEX orders_trgm ON public.orders USING gist (note gist_trgm_ops (siglen='32'))"
                    + "|USING gist (note gist_trgm_ops (siglen='32'))",
            "CREATE INDEX orders_brin ON public.orders USING brin (created) WITH (pages_per_range='32')"
                    + "|USING brin (created) WITH (pages_per_range='32')",
            "CREATE INDEX \"Mixed\" ON ONLY \"Sch\".\"Parted\" USING btree (\"Col\" DESC, b NULLS FIRST)"
                    + "|USING btree (\"Col\" DESC, b NULLS FIRST)",
            "CREATE INDEX x ON public.t USING btree (a public.my_ops)|USING btree (a public.my_ops)"})
    void definitionsAreRebuiltAroundTheRestoresNames(String definition, String rest) {
        PostgresIndexDefinition parsed = PostgresIndexDefinition.parse(definition);

        assertThat(parsed.toSql(definition.startsWith("CREATE UNIQUE"), "\"new name\"", "\"_tm_restore_1\".\"t\""))
                .isEqualTo("CREATE " + (definition.startsWith("CREATE UNIQUE") ? "UNIQUE " : "")
                        + "INDEX \"new name\" ON \"_tm_restore_1\".\"t\" " + rest);
    }

    @ParameterizedTest
    @ValueSource(strings = {"DROP TABLE canary", "CREATE INDEX x ON t USING btree (a); DROP TABLE canary",
            "CREATE INDEX x ON t USING btree (a) TABLESPACE pg_default", "CREATE INDEX x ON t USING btree (a) WHERE",
            "CREATE INDEX x ON t USING btree (a)) WHERE true", "CREATE INDEX x ON t USING btree ((SELECT 1))",
            "CREATE INDEX CONCURRENTLY x ON t USING btree (a)", "CREATE INDEX x ON t USING btree (a) WITH (fillfactor=(SELECT 1))",
            "CREATE INDEX x ON t (a)", "CREATE INDEX x ON t USING btree (a) INCLUDE (SELECT)",
            "CREATE INDEX x ON t USING btree (a) WHERE a = 1, b = 2", "CREATE INDEX x ON t USING btree (a NULLS MIDDLE)"})
    void anythingElseIsRefused(String definition) {
        assertThatThrownBy(() -> PostgresIndexDefinition.parse(definition)).isInstanceOf(InvalidSqlException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CREATE INDEX x ON t USING btree (a)"})
    void aDefinitionWithoutExtrasHasNone(String definition) {
        PostgresIndexDefinition parsed = PostgresIndexDefinition.parse(definition);
        assertThat(parsed).isEqualTo(new PostgresIndexDefinition("btree", List.of("a"), List.of(), false, List.of(), null));
    }
}
