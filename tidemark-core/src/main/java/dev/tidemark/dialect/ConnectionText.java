package dev.tidemark.dialect;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Decoding and character checks shared by the connection-string parsers of every backend. */
public final class ConnectionText {
    private ConnectionText() {
    }

    /**
     * Percent-decodes {@code text} exactly once, as UTF-8. A {@code +} stays a plus sign: connection strings
     * are not form data.
     *
     * @throws IllegalArgumentException when a {@code %} is not followed by two hex digits or the bytes are
     *                                  not UTF-8
     */
    public static String decodeOnce(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(text.charAt(i + 2), 16);
                if (low < 0) {
                    throw new IllegalArgumentException("a '%' is not followed by two hex digits");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < text.length() ? i + 2 : i + 1;
                bytes.writeBytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            }
        }
        try {
            // a lenient decoder would turn bad bytes into U+FFFD and name a different database or user
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the percent-encoded bytes are not UTF-8", e);
        }
    }

    /**
     * The index of the first control character (C0, DEL, C1) or line or paragraph separator in {@code text},
     * or -1. Such characters end strings in the drivers' wire protocols (NUL) or break one-line messages.
     */
    public static int firstControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                return i;
            }
        }
        return -1;
    }

    /** How a message names the character {@code c}: {@code '?'}, or {@code a control character (U+0000)}. */
    public static String name(char c) {
        if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
            return String.format("a control character (U+%04X)", (int) c);
        }
        return "'" + c + "'";
    }
}
