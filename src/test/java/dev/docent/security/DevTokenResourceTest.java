package dev.docent.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docent.web.ApiException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DevTokenResourceTest {

    @Test
    void outsideDevelopmentTheSignInDoesNotExist() {
        DevTokenResource production = new DevTokenResource(false, Optional.of("/keys/dev-private.pem"), "iss", "aud");

        assertThatThrownBy(() -> production.signIn(new DevTokenResource.SignIn("eve", List.of("staff"), true)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void withoutAKeyItDoesNotExistEither() {
        DevTokenResource keyless = new DevTokenResource(true, Optional.empty(), "iss", "aud");

        assertThatThrownBy(() -> keyless.signIn(new DevTokenResource.SignIn("eve", List.of("staff"), false)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    }
}
