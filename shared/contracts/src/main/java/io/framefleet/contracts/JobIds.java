package io.framefleet.contracts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Job ids appear in object keys and topic keys, so they are short and plain. */
public final class JobIds {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private JobIds() {
    }

    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches() && !id.equals(".") && !id.equals("..");
    }


    /** A stable id derived from what identifies a request, so a redelivered request maps to the same job. */
    public static String derive(String... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String p : parts) {
                md.update(String.valueOf(p).getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return "j-" + HexFormat.of().formatHex(md.digest()).substring(0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
