package dev.docent;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/** The REST API root. Every resource below /api/v1 expects a bearer JWT from the intranet's identity provider. */
@ApplicationPath("/api/v1")
@LoginConfig(authMethod = "MP-JWT")
public class DocentApplication extends Application {
}
