package com.portfolioorchestrator.persistence;

import com.portfolioorchestrator.core.Checks;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One numbered SQL script, {@code V<version>__<name>.sql}, read from the classpath.
 *
 * @param version  1, 2, ... without gaps
 * @param name     the part after {@code __}, without {@code .sql}
 * @param sql      the script; run in one transaction with sqlite3_exec semantics (several statements allowed)
 * @param checksum SHA-256 of the script with line endings normalised to {@code \n}, so a checkout with CRLF does not
 *                 look like an edited migration
 */
record Migration(int version, String name, String sql, String checksum) {
    private static final Pattern FILE_NAME = Pattern.compile("V([1-9][0-9]*)__([A-Za-z0-9_]+)\\.sql");

    Migration {
        Checks.positive(version, "version");
        Checks.notBlank(name, "name");
        Checks.notBlank(sql, "sql");
        Checks.notBlank(checksum, "checksum");
    }

    /** Loads {@code directory/fileName} from the class loader; the version and name come from the file name. */
    static Migration load(ClassLoader loader, String directory, String fileName) {
        Matcher matcher = FILE_NAME.matcher(fileName);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("migration file name must look like V<n>__<name>.sql, was '" + fileName + "'");
        }
        String resource = directory + "/" + fileName;
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new PersistenceException("migration " + resource + " is not on the classpath");
            }
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Migration(Integer.parseInt(matcher.group(1)), matcher.group(2), sql, sha256(sql));
        } catch (IOException e) {
            throw new PersistenceException("cannot read migration " + resource, e);
        }
    }

    private static String sha256(String sql) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(sql.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JRE", e);
        }
    }
}
