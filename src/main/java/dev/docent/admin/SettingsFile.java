package dev.docent.admin;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Settings an administrator can change without a restart: a properties file (DOCENT_SETTINGS_FILE, by default
 * docent.properties in the server's directory), re-read when it changes. Its ordinal, 250, puts it above the
 * application's defaults and below environment variables and system properties, so what the launcher or the
 * platform sets still wins. The language model's settings (docent.llm.*, prices included) are read per question and
 * follow the file at once; the rest is read when the application starts.
 */
public class SettingsFile implements ConfigSource {

    private static final Logger LOG = Logger.getLogger(SettingsFile.class.getName());
    private static final long CHECK_EVERY_MILLIS = 1000;

    private final Path path;
    private volatile Map<String, String> properties = Map.of();
    private volatile FileTime loadedVersion;
    private volatile long checkedAt;

    public SettingsFile() {
        String configured = System.getenv("DOCENT_SETTINGS_FILE");
        this.path = Path.of(configured == null || configured.isBlank() ? "docent.properties" : configured)
                .toAbsolutePath();
    }

    @Override
    public Map<String, String> getProperties() {
        refresh();
        return properties;
    }

    @Override
    public Set<String> getPropertyNames() {
        return getProperties().keySet();
    }

    @Override
    public String getValue(String name) {
        return getProperties().get(name);
    }

    @Override
    public String getName() {
        return "docent settings file " + path;
    }

    @Override
    public int getOrdinal() {
        return 250;
    }

    private void refresh() {
        long now = System.currentTimeMillis();
        if (now - checkedAt < CHECK_EVERY_MILLIS) {
            return;
        }
        checkedAt = now;
        try {
            FileTime version = Files.exists(path) ? Files.getLastModifiedTime(path) : null;
            if (version == null) {
                properties = Map.of();
                loadedVersion = null;
                return;
            }
            if (version.equals(loadedVersion)) {
                return;
            }
            Properties loaded = new Properties();
            try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                loaded.load(reader);
            }
            Map<String, String> copy = new HashMap<>();
            loaded.stringPropertyNames().forEach(name -> copy.put(name, loaded.getProperty(name).strip()));
            properties = Map.copyOf(copy);
            loadedVersion = version;
            LOG.info(() -> "Settings loaded from " + path + ": " + copy.keySet());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot read settings file " + path, e);
        }
    }
}
