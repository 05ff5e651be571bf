package dev.panels.app.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.net.URL;

/**
 * What every app IT starts from: the WAR exactly as the build packaged it (the same file goes to WildFly and to
 * Liberty), deployed once per test class by Arquillian, and called from the test JVM over HTTP.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
abstract class DeployedApp {

    @Deployment(testable = false)
    static WebArchive war() {
        File war = new File(System.getProperty("it.war"));
        return ShrinkWrap.create(ZipImporter.class, "panels-app.war").importFrom(war).as(WebArchive.class);
    }

    @ArquillianResource
    URL base;

    Api api() {
        return new Api(base);
    }
}
