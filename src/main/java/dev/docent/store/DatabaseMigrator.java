package dev.docent.store;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the Flyway migrations in db/migrations as the owner role when the application starts. A startup singleton,
 * because the container then delivers no message to the ingestion MDB before the schema is in place. (On Liberty,
 * Flyway finds a class-path folder by the empty marker file db/migrations/flyway.location.)
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DatabaseMigrator {

    private static final Logger LOG = Logger.getLogger(DatabaseMigrator.class.getName());

    @Resource(lookup = "jdbc/docentMigration")
    private DataSource migrationDataSource;

    // An EJB needs a no-argument constructor, so this bean takes its dependencies by field.
    @Inject
    @ConfigProperty(name = "docent.db.app.user", defaultValue = "docent_app")
    private String appRole;

    @PostConstruct
    void migrate() {
        MigrateResult result = Flyway.configure(getClass().getClassLoader())
                .dataSource(migrationDataSource)
                .locations("classpath:db/migrations")
                .callbackLocations("classpath:db/migrations")
                .failOnMissingLocations(true)
                .placeholders(Map.of("appRole", appRole))
                .load()
                .migrate();
        LOG.info(() -> "Database schema at version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
                + " migrations applied now)");
    }
}
