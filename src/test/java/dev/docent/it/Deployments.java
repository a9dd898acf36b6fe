package dev.docent.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The archive every integration test deploys: the WAR Maven built, plus the test's own JMS producer. */
public final class Deployments {

    private Deployments() {
    }

    public static WebArchive docent() {
        File war = new File(System.getProperty("docent.war", "target/docent.war"));
        if (!war.isFile()) {
            throw new IllegalStateException("build the WAR first: " + war);
        }
        return ShrinkWrap.create(ZipImporter.class, "docent.war").importFrom(war).as(WebArchive.class)
                .addClass(LegacyJmsClientResource.class);
    }
}
