package com.portfolioorchestrator.core.policy;

import java.util.Locale;
import java.util.Optional;

/** The three deployment profiles of playbook section 4, ordered from least to most risk. */
public enum ProfileName {
    CONSERVATIVE, BALANCED, AGGRESSIVE;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** One level less risk (playbook 2.3: Aggressive -> Balanced -> Conservative); Conservative stays. */
    public ProfileName stepDown() {
        return this == CONSERVATIVE ? CONSERVATIVE : values()[ordinal() - 1];
    }

    public static Optional<ProfileName> find(String configName) {
        for (ProfileName p : values()) {
            if (p.configName().equals(configName)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
