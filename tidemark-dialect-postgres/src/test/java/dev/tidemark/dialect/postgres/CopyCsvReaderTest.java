package dev.tidemark.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopyCsvReaderTest {

    /** Hands out one character per read, so every field crosses a buffer refill. */
    private static Reader trickle(String text) {
        return new Reader() {
            private int position;

            @Override
            public int read(char[] buffer, int offset, int length) {
                if (position == text.length()) {
                    return -1;
                }
                buffer[offset] = text.charAt(position++);
                return 1;
            }

            @Override
            public void close() {
            }
        };
    }

    private static List<List<String>> readAll(Reader in, int columns) throws IOException {
        CopyCsvReader reader = new CopyCsvReader(in, columns);
        List<List<String>> rows = new ArrayList<>();
        String[] row;
        while ((row = reader.next()) != null) {
            rows.add(Arrays.asList(row.clone()));
        }
        return rows;
    }

    @Test
    void tellsNullFromEmptyAndKeepsQuotedSpecialCharacters() throws IOException {
        String csv = ",\"\",plain\n"
                + "\"a,b\",\"say \"\"hi\"\"\",\"line1\r\nline2\"\n"
                + "\"\\.\",\\N,\" \"\n"
                + "ü😀,\"\",\n";
        List<List<String>> expected = List.of(
                Arrays.asList(null, "", "plain"),
                List.of("a,b", "say \"hi\"", "line1\r\nline2"),
                List.of("\\.", "\\N", " "),
                Arrays.asList("ü😀", "", null));
        assertThat(readAll(new StringReader(csv), 3)).isEqualTo(expected);
        assertThat(readAll(trickle(csv), 3)).isEqualTo(expected);
    }

    @Test
    void rejectsRowsOfTheWrongWidthAndUnterminatedQuotes() {
        assertThatThrownBy(() -> readAll(new StringReader("1,2\n"), 3)).hasMessageContaining("2 fields instead of 3");
        assertThatThrownBy(() -> readAll(new StringReader("1,2,3,4\n"), 3)).hasMessageContaining("more than 3 fields");
        assertThatThrownBy(() -> readAll(new StringReader("\"open,2,3\n"), 3)).hasMessageContaining("unterminated");
    }
}
