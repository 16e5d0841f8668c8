package org.opencarboneval.exporter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import com.sun.net.httpserver.BasicAuthenticator;

/** HTTP basic authentication for one user, compared in constant time so timing does not leak the password. */
final class SingleUserAuthenticator extends BasicAuthenticator {

    private final byte[] user;
    private final byte[] password;

    SingleUserAuthenticator(ExporterOptions.BasicAuth credentials) {
        super("opencarboneval", StandardCharsets.UTF_8);
        this.user = credentials.user().getBytes(StandardCharsets.UTF_8);
        this.password = credentials.password().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean checkCredentials(String givenUser, String givenPassword) {
        boolean userMatches = MessageDigest.isEqual(user, givenUser.getBytes(StandardCharsets.UTF_8));
        boolean passwordMatches = MessageDigest.isEqual(password, givenPassword.getBytes(StandardCharsets.UTF_8));
        return userMatches & passwordMatches;
    }
}
