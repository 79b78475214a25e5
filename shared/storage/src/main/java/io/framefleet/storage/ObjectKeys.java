package io.framefleet.storage;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * The rules every bucket name, key and prefix passes before a store touches it. Keys arrive from
 * events and uploads written by other systems, and the local store turns them into file paths,
 * so anything that could escape the bucket directory, or mean one object on S3 and another on
 * disk, is refused here rather than in each store.
 */
public final class ObjectKeys {

    /** S3's own limit; longer keys would work locally and then fail in production. */
    public static final int MAX_KEY_BYTES = 1024;

    /**
     * The order S3 lists keys in: by UTF-8 bytes, which is code point order. String::compareTo
     * compares UTF-16 units and puts keys with emoji before those with U+E000-U+FFFF characters.
     */
    public static final Comparator<String> ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    // S3's rules for new buckets: 3-63 characters, lowercase letters, digits, dots and hyphens,
    // starting and ending with a letter or digit. Bucket names are directory names in the local
    // store, so the first character also keeps them clear of its hidden staging directory.
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private ObjectKeys() {
    }

    /** Returns the bucket name if S3 would accept it, otherwise throws IllegalArgumentException. */
    public static String validateBucket(String bucket) {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("bucket name must not be blank");
        }
        if (!BUCKET.matcher(bucket).matches()) {
            throw new IllegalArgumentException("bucket name '" + printable(bucket)
                    + "' must be 3-63 lowercase letters, digits, dots or hyphens,"
                    + " starting and ending with a letter or digit");
        }
        if (bucket.contains("..") || IP_ADDRESS.matcher(bucket).matches()) {
            throw new IllegalArgumentException("bucket name '" + bucket
                    + "' must not contain '..' or look like an IP address");
        }
        return bucket;
    }

    /** Returns the key if it names one object the same way on every store, otherwise throws. */
    public static String validate(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("object key must not be blank");
        }
        checkCharactersAndSegments("object key", key, false);
        return key;
    }

    /**
     * Returns a listing prefix if it is safe: empty means the whole bucket, and unlike a key it may
     * end in '/' or stop in the middle of a segment ("jobs/j1/seg").
     */
    public static String validatePrefix(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return "";
        }
        checkCharactersAndSegments("key prefix", prefix, true);
        return prefix;
    }

    private static void checkCharactersAndSegments(String what, String value, boolean prefix) {
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException(what + " is longer than " + MAX_KEY_BYTES
                    + " UTF-8 bytes: '" + printable(value.substring(0, 60)) + "...'");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException(what + " '" + printable(value)
                        + "' contains a control character at index " + i);
            }
            if (c == '\\') {
                // A backslash is a separator on Windows and a literal elsewhere: one key, two objects.
                throw new IllegalArgumentException(what + " '" + value + "' must not contain a backslash");
            }
        }
        if (value.startsWith("/")) {
            throw new IllegalArgumentException(what + " '" + value + "' must be relative (no leading '/')");
        }
        String[] segments = value.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            if (segment.equals("..") || (segment.equals(".") && !(prefix && last))) {
                throw new IllegalArgumentException(what + " '" + value
                        + "' must not contain '.' or '..' segments");
            }
            // "a//b" and "a/" are distinct keys on S3 but the same or no file on disk; a prefix
            // may end in '/' because it names a folder to list, not an object.
            if (segment.isEmpty() && !(prefix && last)) {
                throw new IllegalArgumentException(what + " '" + value
                        + "' must not contain empty segments ('//' or a trailing '/')");
            }
        }
    }

    /** Error messages end up in logs and events: show control characters instead of emitting them. */
    private static String printable(String value) {
        StringBuilder out = new StringBuilder(value.length());
        value.chars().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.append((char) c);
            }
        });
        return out.toString();
    }
}
