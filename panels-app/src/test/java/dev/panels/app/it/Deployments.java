package dev.panels.app.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;

/** The WAR exactly as the build packaged it: the same file goes to WildFly and to Liberty. */
public final class Deployments {

    private Deployments() {
    }

    public static WebArchive packagedWar() {
        File war = new File(System.getProperty("it.war"));
        return ShrinkWrap.create(ZipImporter.class, "panels-app.war").importFrom(war).as(WebArchive.class);
    }
}
