package com.portfolioorchestrator.core.ledger;

import com.portfolioorchestrator.core.Checks;
import com.portfolioorchestrator.core.EntryKind;
import com.portfolioorchestrator.core.Side;
import com.portfolioorchestrator.core.policy.AssetClass;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Open positions of all bots and the IBKR account plus the reservations of allowed decisions, with every aggregate the
 * rules read kept incrementally (seed M16 sections 5 and 7): gross notional, risk at stop, per bot (= strategy), bucket,
 * asset, asset class, correlation-group count and the largest assets. Every add, update and remove adjusts the totals
 * by the entry's own amounts; nothing is recomputed when a decision reads them.
 *
 * <p>Hot path: entries live in pre-allocated mutable slots (sized for max_open_positions, grown only if polls report
 * more), dimensions are dense int indices resolved once into {@link BotRef} / {@link InstrumentRef}, so adding a
 * reservation allocates nothing. The largest four assets are refreshed after each change of an asset's notional by a
 * scan over the assets (a handful), which is an event-time cost, not a per-decision one.
 *
 * <p>Not thread-safe: the decision engine is its single writer. Amounts are base currency doubles: risk arithmetic is
 * approximate by nature (stop distances, FX rates) and the totals are re-zeroed exactly when a dimension empties, so
 * rounding never accumulates across a day of events.
 */
public final class PositionLedger {
    private static final int TOP = 4;
    private static final int CLASSES = AssetClass.values().length;

    private static final class Slot {
        long sequence;
        LedgerEntryType type;
        String id;
        BotRef bot;
        InstrumentRef instrument;
        Side side;
        EntryKind kind;
        double notional;
        double risk;
        long openedAtMs;
        long expiresAtMs;
        String tradeId;
        long filledAtMs;
        boolean opensPosition;
    }

    private Slot[] slots;
    private int size;
    private long nextSequence = 1;

    private final Map<String, Integer> botIndex = new HashMap<>();
    private final Map<String, Integer> bucketIndex = new HashMap<>();
    private final Map<String, Integer> assetIndex = new HashMap<>();
    private final Map<String, Integer> groupIndex = new HashMap<>();
    private final List<String> botNames = new ArrayList<>();
    private final List<String> bucketNames = new ArrayList<>();
    private final List<String> assetNames = new ArrayList<>();
    private final List<String> groupNames = new ArrayList<>();

    private double grossNotional;
    private double atRisk;
    private int openPositions;
    private int reservations;
    private double[] botNotional = new double[8];
    private double[] botRisk = new double[8];
    private int[] botEntries = new int[8];
    private double[] bucketNotional = new double[8];
    private double[] bucketRisk = new double[8];
    private int[] bucketEntries = new int[8];
    private double[] assetNotional = new double[16];
    private int[] assetEntries = new int[16];
    private final double[] classNotional = new double[CLASSES];
    private final double[] classRisk = new double[CLASSES];
    private final int[] classEntries = new int[CLASSES];
    private int[] groupCount = new int[8];
    private final int[] topAssets = new int[TOP];

    /** @param capacity slots to pre-allocate (max_open_positions plus room for reservations) */
    public PositionLedger(int capacity) {
        Checks.positive(capacity, "capacity");
        slots = new Slot[capacity];
        for (int i = 0; i < capacity; i++) {
            slots[i] = new Slot();
        }
        Arrays.fill(topAssets, -1);
    }

    // ----------------------------------------------------------------------------------------------- dimensions

    /** The indexed form of a bot; call once per bot and keep it. */
    public BotRef botRef(String botId, String bucket, AssetClass assetClass) {
        int b = intern(botIndex, botNames, botId);
        int k = intern(bucketIndex, bucketNames, bucket);
        ensureDimensions();
        return new BotRef(botId, bucket, assetClass, b, k);
    }

    /** The indexed form of an instrument; call once per pair and keep it. */
    public InstrumentRef instrumentRef(String pair, String baseAsset, Optional<String> group) {
        int a = intern(assetIndex, assetNames, baseAsset);
        int g = group.isPresent() ? intern(groupIndex, groupNames, group.get()) : -1;
        ensureDimensions();
        return new InstrumentRef(pair, baseAsset, group, a, g);
    }

    /** The dense index of an asset, -1 if the ledger has never seen it. */
    public int findAsset(String baseAsset) {
        Integer a = assetIndex.get(baseAsset);
        return a == null ? -1 : a;
    }

    public String assetName(int assetIndex) {
        return assetNames.get(assetIndex);
    }

    private static int intern(Map<String, Integer> index, List<String> names, String name) {
        Integer i = index.get(name);
        if (i != null) {
            return i;
        }
        int next = names.size();
        index.put(name, next);
        names.add(name);
        return next;
    }

    private void ensureDimensions() {
        if (botNames.size() > botNotional.length) {
            int n = botNames.size() * 2;
            botNotional = Arrays.copyOf(botNotional, n);
            botRisk = Arrays.copyOf(botRisk, n);
            botEntries = Arrays.copyOf(botEntries, n);
        }
        if (bucketNames.size() > bucketNotional.length) {
            int n = bucketNames.size() * 2;
            bucketNotional = Arrays.copyOf(bucketNotional, n);
            bucketRisk = Arrays.copyOf(bucketRisk, n);
            bucketEntries = Arrays.copyOf(bucketEntries, n);
        }
        if (assetNames.size() > assetNotional.length) {
            int n = assetNames.size() * 2;
            assetNotional = Arrays.copyOf(assetNotional, n);
            assetEntries = Arrays.copyOf(assetEntries, n);
        }
        if (groupNames.size() > groupCount.length) {
            groupCount = Arrays.copyOf(groupCount, groupNames.size() * 2);
        }
    }

    // ----------------------------------------------------------------------------------------------- changes

    /** Adds a reservation of an allowed decision. Allocates nothing while the pre-sized slots last. */
    public void addReservation(String decisionId, BotRef bot, InstrumentRef instrument, Side side, EntryKind kind,
                               double notional, double riskAtStop, long openedAtMs, long expiresAtMs) {
        Slot s = append(nextSequence++);
        fill(s, LedgerEntryType.RESERVATION, decisionId, bot, instrument, side, kind, notional, riskAtStop, openedAtMs,
                expiresAtMs, "", -1);
        addTotals(s);
    }

    /** Adds an open position seen by a poll; its id is {@code botId/tradeId}. */
    public void addPosition(BotRef bot, InstrumentRef instrument, String tradeId, Side side, double notional,
                            double riskAtStop, long openedAtMs) {
        Slot s = append(nextSequence++);
        fill(s, LedgerEntryType.POSITION, positionId(bot.botId(), tradeId), bot, instrument, side, EntryKind.ENTRY,
                notional, riskAtStop, openedAtMs, Long.MAX_VALUE, tradeId, -1);
        addTotals(s);
    }

    /** Puts back a saved entry with its own sequence (restart); the refs come from the current policy. */
    public void restore(LedgerEntry e, BotRef bot, InstrumentRef instrument) {
        Slot s = append(e.sequence());
        nextSequence = Math.max(nextSequence, e.sequence() + 1);
        fill(s, e.type(), e.id(), bot, instrument, e.side(), e.kind(), e.notional(), e.riskAtStop(), e.openedAtMs(),
                e.expiresAtMs(), e.tradeId(), e.filledAtMs());
        addTotals(s);
    }

    /** The sequence the next entry gets (saved with the entries). */
    public long nextSequence() {
        return nextSequence;
    }

    /** After a restore: continue numbering where the saved ledger stopped (never below what is in use). */
    public void continueSequenceAt(long next) {
        nextSequence = Math.max(nextSequence, next);
    }

    /** Changes a position's size or stop (partial close, stop moved, mark to market of its notional). */
    public void updateAt(int index, double notional, double riskAtStop) {
        Checks.nonNegative(notional, "notional");
        Checks.nonNegative(riskAtStop, "risk_at_stop");
        Slot s = slot(index);
        removeTotals(s);
        s.notional = notional;
        s.risk = riskAtStop;
        addTotals(s);
    }

    /** Links a reservation to the trade a fill report named; it keeps counting until a poll shows the trade. */
    public void linkFillAt(int index, String tradeId, long filledAtMs) {
        Slot s = slot(index);
        s.tradeId = Checks.notBlank(tradeId, "trade_id");
        s.filledAtMs = filledAtMs;
    }

    /** Removes the entry at an index; the last entry takes its index (indices are not stable across removals). */
    public void removeAt(int index) {
        Slot s = slot(index);
        removeTotals(s);
        int last = size - 1;
        slots[index] = slots[last];
        slots[last] = s;
        s.id = null;
        s.bot = null;
        s.instrument = null;
        s.tradeId = null;
        size--;
    }

    /** Removes the entry with this id; false when there is none. */
    public boolean remove(String id) {
        int i = indexOf(id);
        if (i < 0) {
            return false;
        }
        removeAt(i);
        return true;
    }

    private Slot append(long sequence) {
        if (size == slots.length) {
            int n = slots.length * 2;
            slots = Arrays.copyOf(slots, n);
            for (int i = size; i < n; i++) {
                slots[i] = new Slot();
            }
        }
        Slot s = slots[size++];
        s.sequence = sequence;
        return s;
    }

    private static void fill(Slot s, LedgerEntryType type, String id, BotRef bot, InstrumentRef instrument, Side side,
                             EntryKind kind, double notional, double risk, long openedAtMs, long expiresAtMs,
                             String tradeId, long filledAtMs) {
        s.type = type;
        s.id = id;
        s.bot = bot;
        s.instrument = instrument;
        s.side = side;
        s.kind = kind;
        s.notional = Checks.nonNegative(notional, "notional");
        s.risk = Checks.nonNegative(risk, "risk_at_stop");
        s.openedAtMs = openedAtMs;
        s.expiresAtMs = expiresAtMs;
        s.tradeId = tradeId;
        s.filledAtMs = filledAtMs;
        s.opensPosition = type == LedgerEntryType.POSITION || kind == EntryKind.ENTRY;
    }

    private void addTotals(Slot s) {
        apply(s, 1);
    }

    private void removeTotals(Slot s) {
        apply(s, -1);
    }

    private void apply(Slot s, int sign) {
        double n = sign * s.notional;
        double r = sign * s.risk;
        int b = s.bot.index();
        int k = s.bot.bucketIndex();
        int a = s.instrument.assetIndex();
        int c = s.bot.assetClass().ordinal();
        grossNotional += n;
        atRisk += r;
        if (s.type == LedgerEntryType.RESERVATION) {
            reservations += sign;
        }
        if (s.opensPosition) {
            openPositions += sign;
            if (s.instrument.groupIndex() >= 0) {
                groupCount[s.instrument.groupIndex()] += sign;
            }
        }
        botNotional[b] += n;
        botRisk[b] += r;
        botEntries[b] += sign;
        bucketNotional[k] += n;
        bucketRisk[k] += r;
        bucketEntries[k] += sign;
        assetNotional[a] += n;
        assetEntries[a] += sign;
        classNotional[c] += n;
        classRisk[c] += r;
        classEntries[c] += sign;
        if (sign < 0) {
            // re-zero emptied dimensions exactly so that rounding never accumulates
            if (size == 1 || grossNotional < 0) {
                boolean empty = size == 1;
                grossNotional = empty ? 0 : Math.max(0, grossNotional);
                atRisk = empty ? 0 : Math.max(0, atRisk);
            }
            if (botEntries[b] == 0) {
                botNotional[b] = 0;
                botRisk[b] = 0;
            }
            if (bucketEntries[k] == 0) {
                bucketNotional[k] = 0;
                bucketRisk[k] = 0;
            }
            if (assetEntries[a] == 0) {
                assetNotional[a] = 0;
            }
            if (classEntries[c] == 0) {
                classNotional[c] = 0;
                classRisk[c] = 0;
            }
        }
        if (s.notional != 0) {
            refreshTopAssets();
        }
    }

    private void refreshTopAssets() {
        Arrays.fill(topAssets, -1);
        int n = assetNames.size();
        for (int a = 0; a < n; a++) {
            double v = assetNotional[a];
            if (v <= 0) {
                continue;
            }
            for (int t = 0; t < TOP; t++) {
                int cur = topAssets[t];
                if (cur < 0 || v > assetNotional[cur]) {
                    System.arraycopy(topAssets, t, topAssets, t + 1, TOP - t - 1);
                    topAssets[t] = a;
                    break;
                }
            }
        }
    }

    // ----------------------------------------------------------------------------------------------- reads

    public int size() {
        return size;
    }

    /** Index of the entry with this id, -1 if none. Linear: the ledger holds tens of entries. */
    public int indexOf(String id) {
        for (int i = 0; i < size; i++) {
            if (slots[i].id.equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the position of this bot and trade, -1 if none. */
    public int indexOfPosition(String botId, String tradeId) {
        for (int i = 0; i < size; i++) {
            Slot s = slots[i];
            if (s.type == LedgerEntryType.POSITION && s.tradeId.equals(tradeId) && s.bot.botId().equals(botId)) {
                return i;
            }
        }
        return -1;
    }

    public LedgerEntryType typeAt(int i) {
        return slot(i).type;
    }

    public String idAt(int i) {
        return slot(i).id;
    }

    public BotRef botAt(int i) {
        return slot(i).bot;
    }

    public InstrumentRef instrumentAt(int i) {
        return slot(i).instrument;
    }

    public Side sideAt(int i) {
        return slot(i).side;
    }

    public EntryKind kindAt(int i) {
        return slot(i).kind;
    }

    public String tradeIdAt(int i) {
        return slot(i).tradeId;
    }

    public long filledAtMsAt(int i) {
        return slot(i).filledAtMs;
    }

    public long openedAtMsAt(int i) {
        return slot(i).openedAtMs;
    }

    public long expiresAtMsAt(int i) {
        return slot(i).expiresAtMs;
    }

    public double notionalAt(int i) {
        return slot(i).notional;
    }

    public double riskAt(int i) {
        return slot(i).risk;
    }

    /** The entry at an index as a value (allocates; for views and events). */
    public LedgerEntry entryAt(int i) {
        Slot s = slot(i);
        return new LedgerEntry(s.sequence, s.type, s.id, s.bot.botId(), s.bot.bucket(), s.bot.assetClass(),
                s.instrument.pair(), s.instrument.baseAsset(), s.instrument.group().orElse(""), s.side, s.kind,
                s.notional, s.risk, s.openedAtMs, s.expiresAtMs, s.tradeId, s.filledAtMs);
    }

    /** Every entry in insertion order (allocates; for views, snapshots and tests). */
    public List<LedgerEntry> entries() {
        List<LedgerEntry> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(entryAt(i));
        }
        out.sort(Comparator.comparingLong(LedgerEntry::sequence));
        return out;
    }

    public double grossNotional() {
        return grossNotional;
    }

    public double atRisk() {
        return atRisk;
    }

    /** Positions plus reservations of new entries. */
    public int openPositions() {
        return openPositions;
    }

    public int reservations() {
        return reservations;
    }

    public double botNotional(BotRef bot) {
        return botNotional[bot.index()];
    }

    public double botRisk(BotRef bot) {
        return botRisk[bot.index()];
    }

    public double bucketNotional(BotRef bot) {
        return bucketNotional[bot.bucketIndex()];
    }

    public double assetNotional(int assetIndex) {
        return assetNotional[assetIndex];
    }

    public double classRisk(AssetClass assetClass) {
        return classRisk[assetClass.ordinal()];
    }

    public double classNotional(AssetClass assetClass) {
        return classNotional[assetClass.ordinal()];
    }

    /** Occupied position slots in a group; 0 for index -1 (no group). */
    public int groupCount(int groupIndex) {
        return groupIndex < 0 ? 0 : groupCount[groupIndex];
    }

    /** The k-th largest asset (k in 0..3), -1 if fewer assets hold notional. */
    public int topAsset(int k) {
        return topAssets[k];
    }

    /** Notional of the k-th largest asset, 0 if none. */
    public double topAssetNotional(int k) {
        int a = topAssets[k];
        return a < 0 ? 0 : assetNotional[a];
    }

    /** The incremental aggregates as a value. */
    public LedgerTotals totals() {
        Map<String, Double> byBot = new HashMap<>();
        Map<String, Double> riskByBot = new HashMap<>();
        for (int b = 0; b < botNames.size(); b++) {
            if (botEntries[b] > 0) {
                byBot.put(botNames.get(b), botNotional[b]);
                riskByBot.put(botNames.get(b), botRisk[b]);
            }
        }
        Map<String, Double> byBucket = new HashMap<>();
        for (int k = 0; k < bucketNames.size(); k++) {
            if (bucketEntries[k] > 0) {
                byBucket.put(bucketNames.get(k), bucketNotional[k]);
            }
        }
        Map<String, Double> byAsset = new HashMap<>();
        for (int a = 0; a < assetNames.size(); a++) {
            if (assetEntries[a] > 0) {
                byAsset.put(assetNames.get(a), assetNotional[a]);
            }
        }
        Map<AssetClass, Double> byClass = new EnumMap<>(AssetClass.class);
        for (AssetClass c : AssetClass.values()) {
            if (classEntries[c.ordinal()] > 0) {
                byClass.put(c, classRisk[c.ordinal()]);
            }
        }
        Map<String, Integer> groups = new HashMap<>();
        for (int g = 0; g < groupNames.size(); g++) {
            if (groupCount[g] > 0) {
                groups.put(groupNames.get(g), groupCount[g]);
            }
        }
        List<String> top3 = new ArrayList<>();
        double top3Notional = 0;
        for (int t = 0; t < 3 && topAssets[t] >= 0; t++) {
            top3.add(assetNames.get(topAssets[t]));
            top3Notional += assetNotional[topAssets[t]];
        }
        return new LedgerTotals(grossNotional, atRisk, openPositions, reservations, byBot, riskByBot, byBucket, byAsset,
                byClass, groups, top3, top3Notional);
    }

    /** The same aggregates recomputed from scratch over entries (tests compare it with {@link #totals()}). */
    public static LedgerTotals recompute(List<LedgerEntry> entries) {
        double gross = 0;
        double risk = 0;
        int open = 0;
        int reserved = 0;
        Map<String, Double> byBot = new HashMap<>();
        Map<String, Double> riskByBot = new HashMap<>();
        Map<String, Double> byBucket = new HashMap<>();
        Map<String, Double> byAsset = new HashMap<>();
        Map<AssetClass, Double> byClass = new EnumMap<>(AssetClass.class);
        Map<String, Integer> groups = new HashMap<>();
        for (LedgerEntry e : entries) {
            gross += e.notional();
            risk += e.riskAtStop();
            if (e.type() == LedgerEntryType.RESERVATION) {
                reserved++;
            }
            if (e.opensPosition()) {
                open++;
                if (!e.correlationGroup().isEmpty()) {
                    groups.merge(e.correlationGroup(), 1, Integer::sum);
                }
            }
            byBot.merge(e.botId(), e.notional(), Double::sum);
            riskByBot.merge(e.botId(), e.riskAtStop(), Double::sum);
            byBucket.merge(e.bucket(), e.notional(), Double::sum);
            byAsset.merge(e.baseAsset(), e.notional(), Double::sum);
            byClass.merge(e.assetClass(), e.riskAtStop(), Double::sum);
        }
        List<String> top3 = byAsset.entrySet().stream()
                .filter(x -> x.getValue() > 0)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(3).map(Map.Entry::getKey).toList();
        double top3Notional = top3.stream().mapToDouble(byAsset::get).sum();
        return new LedgerTotals(gross, risk, open, reserved, byBot, riskByBot, byBucket, byAsset, byClass, groups, top3,
                top3Notional);
    }

    static String positionId(String botId, String tradeId) {
        return botId + "/" + tradeId;
    }

    private Slot slot(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("ledger index " + i + " outside 0.." + (size - 1));
        }
        return slots[i];
    }
}
