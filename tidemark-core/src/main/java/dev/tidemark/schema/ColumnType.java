package dev.tidemark.schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * A column's type in portable terms plus the facets some types need.
 *
 * @param type        the portable type
 * @param length      maximum/fixed length in characters (CHAR, VARCHAR) or bytes (BINARY), null if unbounded
 * @param precision   total digits for DECIMAL, fractional-second digits for TIME/TIMESTAMP/TIMESTAMPTZ; null if unspecified
 * @param scale       digits after the decimal point for DECIMAL; null if unspecified
 * @param unsigned    true for unsigned integer types (MySQL); values may exceed the signed range
 * @param enumLabels  labels of an ENUM type in declaration order; empty otherwise
 * @param nativeType  the type as the source backend declared it, e.g. {@code "varchar(40)"} or
 *                    {@code "inet"}; always recorded so a restore into the same backend can use it
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record ColumnType(PortableType type, Integer length, Integer precision, Integer scale,
                         boolean unsigned, List<String> enumLabels, String nativeType) {

    public ColumnType {
        Objects.requireNonNull(type, "type");
        enumLabels = enumLabels == null ? List.of() : List.copyOf(enumLabels);
    }

    public static ColumnType of(PortableType type, String nativeType) {
        return new ColumnType(type, null, null, null, false, List.of(), nativeType);
    }

    public ColumnType withLength(Integer newLength) {
        return new ColumnType(type, newLength, precision, scale, unsigned, enumLabels, nativeType);
    }

    public ColumnType withPrecisionScale(Integer newPrecision, Integer newScale) {
        return new ColumnType(type, length, newPrecision, newScale, unsigned, enumLabels, nativeType);
    }
}
