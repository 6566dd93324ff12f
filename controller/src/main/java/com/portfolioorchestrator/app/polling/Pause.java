package com.portfolioorchestrator.app.polling;

import java.time.Duration;

/** Waits between retries; tests record the waits instead of sleeping. */
@FunctionalInterface
public interface Pause {
    Pause SYSTEM = d -> Thread.sleep(d.toMillis());

    void pause(Duration duration) throws InterruptedException;
}
