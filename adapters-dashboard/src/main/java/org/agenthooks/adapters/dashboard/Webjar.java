package org.agenthooks.adapters.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Finds a file in a webjar on the class path, whatever version the build put there (the parent pom pins it). */
final class Webjar {
    private Webjar() {}

    /** The class path name of {@code path} inside the webjar {@code groupId:artifactId}. */
    static String file(String groupId, String artifactId, String path) {
        String pom = "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        try (InputStream in = Webjar.class.getClassLoader().getResourceAsStream(pom)) {
            if (in == null) {
                throw new IllegalStateException(
                        "the webjar " + groupId + ":" + artifactId + " is not on the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            return "META-INF/resources/webjars/" + artifactId + "/" + properties.getProperty("version") + "/" + path;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
