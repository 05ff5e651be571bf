package dev.panels.keycloak.medplum.client;

import dev.panels.emulator.common.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MedplumBreakerTest {

    private final MutableClock clock = new MutableClock();
    private final MedplumBreaker breaker = new MedplumBreaker(3, Duration.ofSeconds(30), clock);

    @Test
    void opensAfterThreeFailuresInARowAndSaysForHowLongAndWhy() {
        breaker.failed("token request: HTTP 503");
        breaker.failed("token request: HTTP 503");
        assertThatCode(breaker::check).doesNotThrowAnyException();

        breaker.failed("token request: HttpConnectTimeoutException");

        assertThatThrownBy(breaker::check).isInstanceOf(MedplumException.class)
                .hasMessage("Medplum calls paused for 30 s more after 3 failures in a row (last: token request: HttpConnectTimeoutException)");
    }

    @Test
    void aSuccessInBetweenStartsTheCountAgain() {
        breaker.failed("a");
        breaker.failed("b");
        breaker.succeeded();
        breaker.failed("c");
        breaker.failed("d");

        assertThatCode(breaker::check).doesNotThrowAnyException();
    }

    @Test
    void afterThePauseOneTrialDecides() {
        for (int i = 0; i < 3; i++) {
            breaker.failed("down");
        }
        clock.advance(Duration.ofSeconds(31));
        assertThatCode(breaker::check).as("the trial call may go").doesNotThrowAnyException();

        breaker.failed("still down");
        assertThatThrownBy(breaker::check).as("a failed trial pauses again").isInstanceOf(MedplumException.class);

        clock.advance(Duration.ofSeconds(31));
        breaker.succeeded();
        breaker.failed("one blip");
        assertThatCode(breaker::check).as("a success closed it").doesNotThrowAnyException();
    }

    @Test
    void zeroFailuresNeverPauses() {
        MedplumBreaker off = new MedplumBreaker(0, Duration.ofSeconds(30), clock);
        for (int i = 0; i < 10; i++) {
            off.failed("down");
        }
        assertThatCode(off::check).doesNotThrowAnyException();
    }
}
