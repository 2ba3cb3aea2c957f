package ai.dfalab.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Short SHA-256 names for the store's folders. */
final class Hashes {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Hashes() {}

    /** The first {@code chars} hex digits of the SHA-256 of {@code text}. */
    static String hex(String text, int chars) {
        byte[] digest = LocalStoreFiles.sha256().digest(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, chars / 2);
    }

    /** The canonical JSON of a value (its record components in order). */
    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
