package com.portfolioorchestrator.core.policy;

import java.util.EnumSet;
import java.util.Set;

/** Which rules are on. Immutable; {@link #with} returns a changed copy (used by replay ablation). */
public final class Toggles {
    private final EnumSet<Toggle> on;

    private Toggles(EnumSet<Toggle> on) {
        this.on = on;
    }

    public static Toggles allOn() {
        return new Toggles(EnumSet.allOf(Toggle.class));
    }

    public static Toggles of(Set<Toggle> on) {
        return new Toggles(on.isEmpty() ? EnumSet.noneOf(Toggle.class) : EnumSet.copyOf(on));
    }

    public boolean isOn(Toggle toggle) {
        return on.contains(toggle);
    }

    public Toggles with(Toggle toggle, boolean enabled) {
        EnumSet<Toggle> copy = EnumSet.copyOf(on.isEmpty() ? EnumSet.noneOf(Toggle.class) : on);
        if (enabled) {
            copy.add(toggle);
        } else {
            copy.remove(toggle);
        }
        return new Toggles(copy);
    }

    public Set<Toggle> enabled() {
        return on.isEmpty() ? Set.of() : Set.copyOf(on);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Toggles t && t.on.equals(on);
    }

    @Override
    public int hashCode() {
        return on.hashCode();
    }

    @Override
    public String toString() {
        return "Toggles" + on;
    }
}
