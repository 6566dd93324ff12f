package com.portfolioorchestrator.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A read-only IBKR Client Portal gateway for one account with a small futures book, in the shapes of the fixtures in
 * {@code fixtures/ibkr/}: {@code /tickle}, {@code /iserver/auth/status}, {@code /portfolio/accounts},
 * {@code /iserver/accounts}, paged {@code /portfolio/{acct}/positions/{page}} (page 0 holds every position, later pages
 * are {@code []}), {@code /portfolio/{acct}/summary}, {@code /portfolio/{acct}/ledger} and
 * {@code /iserver/contract/{conid}/info}, all under {@code /v1/api}.
 *
 * <p>Differences from the real gateway: plain HTTP on 127.0.0.1 (the real one is HTTPS with a self-signed certificate
 * on port 5000), no pacing limits, no call-order prerequisites, no market-data snapshot. Futures are marked to the
 * simulator's prices; net liquidation = cash + the futures' unrealised P&L (futures count by P&L, not notional).
 */
public final class SimulatedIbkrGateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedIbkrGateway.class);
    public static final String BASE_PATH = "/v1/api";
    private static final String SERVER_VERSION = "Build 10.25.0p, Dec 5, 2023 5:48:12 PM";

    private final String accountId;
    private final double cash;
    private final List<FuturesHolding> book;
    private final MarketSimulator market;
    private final Clock clock;
    private final int requestedPort;
    private final ObjectMapper mapper = new ObjectMapper();
    private final double startNetLiquidation;
    private boolean authenticated = true;
    private Javalin server;
    private int boundPort;

    public SimulatedIbkrGateway(String accountId, double cash, List<FuturesHolding> book, MarketSimulator market,
                                Clock clock, int port) {
        if (accountId == null || !accountId.matches("[A-Z0-9]+")) {
            throw new IllegalArgumentException("accountId must be upper-case letters and digits, was '" + accountId + "'");
        }
        if (!(cash > 0)) {
            throw new IllegalArgumentException("cash must be > 0, was " + cash);
        }
        this.accountId = accountId;
        this.cash = cash;
        this.book = List.copyOf(book);
        this.market = market;
        this.clock = clock;
        this.requestedPort = port;
        for (FuturesHolding holding : this.book) {
            market.price(holding.marketSymbol());
        }
        this.startNetLiquidation = netLiquidation();
    }

    /**
     * The demo's default book: long 1 MES and 1 MNQ, an equity-index position the scripted crash's equity shock hits
     * (micro contracts keep the futures notional, about 72 000 USD, near the bots' size).
     */
    public static List<FuturesHolding> defaultBook(MarketSimulator market) {
        return List.of(
                new FuturesHolding("ES", 100_000_005L, "MES", "MESH6", "20260320", "Micro E-mini S&P 500", 1, 5,
                        market.price("ES") * 0.998, 11_004_968L),
                new FuturesHolding("NQ", 672_387_468L, "MNQ", "MNQH6", "20260320", "Micro E-mini Nasdaq-100", 1, 2,
                        market.price("NQ") * 0.999, 11_004_958L));
    }

    public synchronized SimulatedIbkrGateway start() {
        if (server == null) {
            server = createServer().start("127.0.0.1", boundPort != 0 ? boundPort : requestedPort);
            boundPort = server.port();
        }
        return this;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    public synchronized int port() {
        if (boundPort == 0) {
            throw new IllegalStateException("the IBKR gateway has not been started");
        }
        return boundPort;
    }

    /** Base URL including {@code /v1/api}, e.g. {@code http://127.0.0.1:18500/v1/api}. */
    public String url() {
        return "http://127.0.0.1:" + port() + BASE_PATH;
    }

    public String accountId() {
        return accountId;
    }

    /** Simulates a session timeout (false) or a re-login (true). */
    public synchronized void setAuthenticated(boolean value) {
        authenticated = value;
    }

    /** Net liquidation value in USD: cash plus the futures' unrealised P&L. */
    public double netLiquidation() {
        return cash + futuresPnl();
    }

    private double futuresPnl() {
        double pnl = 0;
        for (FuturesHolding holding : book) {
            pnl += unrealised(holding);
        }
        return pnl;
    }

    private double unrealised(FuturesHolding holding) {
        return round2((market.price(holding.marketSymbol()) - holding.averagePrice()) * holding.quantity()
                * holding.multiplier());
    }

    private static double round2(double value) {
        return Math.rint(value * 100) / 100;
    }

    private Javalin createServer() {
        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.exception(HttpFailure.class, (e, ctx) -> writeJson(ctx, e.status, e.body));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("IBKR gateway: unexpected error on {} {}", ctx.method(), ctx.path(), e);
                writeJson(ctx, 500, Map.of("error", "Internal Server Error"));
            });
            cfg.routes.before(BASE_PATH + "/portfolio/*", this::requireSession);
            cfg.routes.before(BASE_PATH + "/iserver/accounts", this::requireSession);
            cfg.routes.before(BASE_PATH + "/iserver/contract/*", this::requireSession);
            cfg.routes.get(BASE_PATH + "/tickle", this::tickle);
            cfg.routes.post(BASE_PATH + "/tickle", this::tickle);
            cfg.routes.get(BASE_PATH + "/iserver/auth/status", ctx -> writeJson(ctx, 200, authStatus()));
            cfg.routes.post(BASE_PATH + "/iserver/auth/status", ctx -> writeJson(ctx, 200, authStatus()));
            cfg.routes.get(BASE_PATH + "/portfolio/accounts", ctx -> writeJson(ctx, 200, List.of(portfolioAccount())));
            cfg.routes.get(BASE_PATH + "/iserver/accounts", ctx -> writeJson(ctx, 200, iserverAccounts()));
            cfg.routes.get(BASE_PATH + "/portfolio/{account}/positions/{page}", this::positions);
            cfg.routes.get(BASE_PATH + "/portfolio/{account}/summary", ctx -> {
                checkAccount(ctx);
                writeJson(ctx, 200, summary());
            });
            cfg.routes.get(BASE_PATH + "/portfolio/{account}/ledger", ctx -> {
                checkAccount(ctx);
                writeJson(ctx, 200, ledger());
            });
            cfg.routes.get(BASE_PATH + "/iserver/contract/{conid}/info", this::contractInfo);
        });
    }

    private void writeJson(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(mapper.writeValueAsBytes(body));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot serialise a response", e);
        }
    }

    private synchronized void requireSession(Context ctx) {
        if (!authenticated) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", 401);
            body.put("error", "Unauthorized");
            body.put("message", "not authenticated");
            throw new HttpFailure(401, body);
        }
    }

    private void checkAccount(Context ctx) {
        String account = ctx.pathParam("account");
        if (!account.equals(accountId)) {
            throw badRequest("Bad Request: account " + account + " is not available to this session");
        }
    }

    private static HttpFailure badRequest(String error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", 400);
        body.put("error", error);
        body.put("message", "Bad Request");
        return new HttpFailure(400, body);
    }

    private synchronized void tickle(Context ctx) {
        if (!authenticated) {
            writeJson(ctx, 200, Map.of("error", "no session"));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("session", "bb665d0f55b6289d70bc7380089fc96f");
        body.put("ssoExpires", 460_311);
        body.put("collission", false);
        body.put("userId", 123_456_789);
        body.put("hmds", Map.of("error", "no bridge"));
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("authenticated", true);
        status.put("competing", false);
        status.put("connected", true);
        status.put("message", "");
        status.put("MAC", "98:F2:B3:23:BF:A0");
        status.put("serverInfo", serverInfo());
        body.put("iserver", Map.of("authStatus", status));
        writeJson(ctx, 200, body);
    }

    private static Map<String, Object> serverInfo() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("serverName", "JifN19053");
        info.put("serverVersion", SERVER_VERSION);
        return info;
    }

    private synchronized Map<String, Object> authStatus() {
        Map<String, Object> body = new LinkedHashMap<>();
        if (!authenticated) {
            body.put("authenticated", false);
            body.put("competing", false);
            body.put("connected", false);
            body.put("MAC", "98:B2:C3:45:DE:F6");
            return body;
        }
        body.put("authenticated", true);
        body.put("competing", false);
        body.put("connected", true);
        body.put("message", "");
        body.put("MAC", "12:B:B3:23:BF:A0");
        body.put("serverInfo", serverInfo());
        body.put("hardware_info", "3b0679ee|98:A2:B3:23:BC:A0");
        body.put("fail", "");
        return body;
    }

    private Map<String, Object> portfolioAccount() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("id", accountId);
        a.put("PrepaidCrypto-Z", false);
        a.put("PrepaidCrypto-P", false);
        a.put("brokerageAccess", true);
        a.put("accountId", accountId);
        a.put("accountVan", accountId);
        a.put("accountTitle", "Demo Capital LLC");
        a.put("displayName", accountId);
        a.put("accountAlias", null);
        a.put("accountStatus", 1_644_814_800_000L);
        a.put("currency", "USD");
        a.put("type", "INDIVIDUAL");
        a.put("tradingType", "PMRGN");
        a.put("businessType", "IB_PROSERVE");
        a.put("ibEntity", "IBLLC-US");
        a.put("faclient", false);
        a.put("clearingStatus", "O");
        a.put("covestor", false);
        a.put("noClientTrading", false);
        a.put("trackVirtualFXPortfolio", true);
        Map<String, Object> parent = new LinkedHashMap<>();
        parent.put("mmc", List.of());
        parent.put("accountId", "");
        parent.put("isMParent", false);
        parent.put("isMChild", false);
        parent.put("isMultiplex", false);
        a.put("parent", parent);
        a.put("desc", accountId);
        return a;
    }

    private Map<String, Object> iserverAccounts() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accounts", List.of(accountId));
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("hasChildAccounts", false);
        props.put("supportsCashQty", true);
        props.put("noFXConv", false);
        props.put("isProp", false);
        props.put("supportsFractions", true);
        props.put("allowCustomerTime", false);
        body.put("acctProps", Map.of(accountId, props));
        body.put("aliases", Map.of(accountId, accountId));
        Map<String, Object> features = new LinkedHashMap<>();
        for (String flag : List.of("showGFIS", "allowEventContract", "allowFXConv", "allowMTA", "allowTypeAhead",
                "allowEventTrading", "showWebNews", "research", "debugPnl", "showTaxOpt", "showImpactDashboard")) {
            features.put(flag, true);
        }
        for (String flag : List.of("showEUCostReport", "allowFinancialLens", "liteUser", "allowDynAccount",
                "allowCrypto")) {
            features.put(flag, false);
        }
        features.put("snapshotRefreshTimeout", 30);
        features.put("allowedAssetTypes", "STK,FUT,CASH");
        body.put("allowFeatures", features);
        Map<String, Object> chartPeriods = new LinkedHashMap<>();
        chartPeriods.put("STK", List.of("*"));
        chartPeriods.put("FUT", List.of("*"));
        chartPeriods.put("CASH", List.of("*"));
        body.put("chartPeriods", chartPeriods);
        body.put("groups", List.of());
        body.put("profiles", List.of());
        body.put("selectedAccount", accountId);
        body.put("serverInfo", serverInfo());
        body.put("sessionId", "1234a5b.12345678");
        body.put("isFT", false);
        body.put("isPaper", true);
        return body;
    }

    private void positions(Context ctx) {
        checkAccount(ctx);
        int page;
        try {
            page = Integer.parseInt(ctx.pathParam("page"));
        } catch (NumberFormatException e) {
            throw badRequest("Bad Request: pageId must be an integer");
        }
        if (page < 0) {
            throw badRequest("Bad Request: pageId must be >= 0");
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        if (page == 0) {
            for (FuturesHolding holding : book) {
                rows.add(positionRow(holding));
            }
        }
        writeJson(ctx, 200, rows);
    }

    private Map<String, Object> positionRow(FuturesHolding h) {
        double price = market.price(h.marketSymbol());
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("acctId", accountId);
        r.put("conid", h.conid());
        r.put("contractDesc", h.contractDescription());
        r.put("position", h.quantity());
        r.put("mktPrice", price);
        r.put("mktValue", round2(h.quantity() * price * h.multiplier()));
        r.put("currency", "USD");
        r.put("avgCost", round2(h.averagePrice() * h.multiplier()));
        r.put("avgPrice", h.averagePrice());
        r.put("realizedPnl", 0.0);
        r.put("unrealizedPnl", unrealised(h));
        r.put("exchs", null);
        r.put("expiry", h.expiry());
        r.put("putOrCall", null);
        r.put("multiplier", h.multiplier());
        r.put("strike", "0");
        r.put("exerciseStyle", null);
        r.put("conExchMap", List.of());
        r.put("assetClass", "FUT");
        r.put("undConid", h.underlyingConid());
        r.put("model", "");
        r.put("time", 31);
        r.put("chineseName", null);
        r.put("allExchanges", "CME,QBALGO");
        r.put("listingExchange", "CME");
        r.put("countryCode", "US");
        r.put("name", h.name());
        r.put("lastTradingDay", h.expiry());
        r.put("group", null);
        r.put("sector", null);
        r.put("sectorGroup", null);
        r.put("ticker", h.ticker());
        r.put("type", "");
        r.put("hasOptions", true);
        r.put("fullName", h.fullName());
        r.put("isUS", true);
        Map<String, Object> increment = new LinkedHashMap<>();
        increment.put("lowerEdge", 0.0);
        increment.put("increment", 0.25);
        r.put("incrementRules", List.of(increment));
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("decimalDigits", 2);
        step.put("lowerEdge", 0.0);
        step.put("wholeDigits", 5);
        Map<String, Object> displayRule = new LinkedHashMap<>();
        displayRule.put("displayRuleStep", List.of(step));
        displayRule.put("magnification", 0);
        r.put("displayRule", displayRule);
        r.put("isEventContract", false);
        r.put("pageSize", 100);
        return r;
    }

    private Map<String, Object> summary() {
        long ts = clock.millis();
        double pnl = futuresPnl();
        double nlv = round2(cash + pnl);
        double notional = 0;
        for (FuturesHolding h : book) {
            notional += Math.abs(h.quantity() * market.price(h.marketSymbol()) * h.multiplier());
        }
        double init = round2(notional * 0.08);
        double maint = round2(notional * 0.065);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("accountcode", text(accountId, ts));
        s.put("accountready", text("true", ts));
        s.put("accounttype", text("INDIVIDUAL", ts));
        triple(s, "accruedcash", 0.0, 0.0, 0.0, ts);
        triple(s, "availablefunds", round2(nlv - init), round2(pnl - init), cash, ts);
        s.put("buyingpower", amount(round2((nlv - init) * 4), ts));
        s.put("cushion", text(String.format(java.util.Locale.ROOT, "%.3f", (nlv - maint) / nlv), ts));
        triple(s, "equitywithloanvalue", nlv, round2(pnl), cash, ts);
        triple(s, "excessliquidity", round2(nlv - maint), round2(pnl - maint), cash, ts);
        s.put("fullinitmarginreq", amount(init, ts));
        s.put("fullmaintmarginreq", amount(maint, ts));
        s.put("grosspositionvalue", amount(0.0, ts));
        s.put("grosspositionvalue-s", amount(0.0, ts));
        triple(s, "initmarginreq", init, init, 0.0, ts);
        s.put("leverage-s", text("0.00", ts));
        triple(s, "maintmarginreq", maint, maint, 0.0, ts);
        triple(s, "netliquidation", nlv, round2(pnl), cash, ts);
        s.put("netliquidationuncertainty", amount(0.0, ts));
        s.put("previousdayequitywithloanvalue", amount(round2(startNetLiquidation), ts));
        s.put("previousdayequitywithloanvalue-s", amount(cash, ts));
        s.put("regtequity", amount(cash, ts));
        s.put("regtmargin", amount(0.0, ts));
        s.put("sma", amount(cash, ts));
        triple(s, "totalcashvalue", cash, 0.0, cash, ts);
        s.put("tradingtype-s", text("PMRGN", ts));
        return s;
    }

    private static void triple(Map<String, Object> s, String key, double total, double commodities, double securities,
                               long ts) {
        s.put(key, amount(total, ts));
        s.put(key + "-c", amount(commodities, ts));
        s.put(key + "-s", amount(securities, ts));
    }

    private static Map<String, Object> amount(double value, long ts) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("amount", value);
        v.put("currency", "USD");
        v.put("isNull", false);
        v.put("timestamp", ts);
        v.put("value", null);
        v.put("severity", 0);
        return v;
    }

    private static Map<String, Object> text(String value, long ts) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("amount", 0.0);
        v.put("currency", null);
        v.put("isNull", false);
        v.put("timestamp", ts);
        v.put("value", value);
        v.put("severity", 0);
        return v;
    }

    private Map<String, Object> ledger() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("BASE", ledgerRow("BASE", false));
        body.put("USD", ledgerRow("USD", true));
        return body;
    }

    private Map<String, Object> ledgerRow(String currency, boolean last) {
        double pnl = futuresPnl();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("acctcode", accountId);
        r.put("cashbalance", cash);
        r.put("cashbalancefxsegment", 0.0);
        r.put("commoditymarketvalue", 0.0);
        r.put("corporatebondsmarketvalue", 0.0);
        r.put("cryptocurrencyvalue", 0.0);
        r.put("currency", currency);
        r.put("dividends", 0.0);
        r.put("exchangerate", 1);
        r.put("funds", 0.0);
        r.put("futuremarketvalue", round2(pnl));
        r.put("futureoptionmarketvalue", 0.0);
        r.put("futuresonlypnl", round2(pnl));
        r.put("interest", 0.0);
        r.put("issueroptionsmarketvalue", 0.0);
        r.put("key", "LedgerList");
        r.put("moneyfunds", 0.0);
        r.put("netliquidationvalue", round2(cash + pnl));
        r.put("realizedpnl", 0.0);
        r.put("secondkey", currency);
        r.put("sessionid", 1);
        r.put("settledcash", cash);
        r.put("severity", 0);
        r.put("stockmarketvalue", 0.0);
        r.put("stockoptionmarketvalue", 0.0);
        r.put("tbillsmarketvalue", 0.0);
        r.put("tbondsmarketvalue", 0.0);
        r.put("timestamp", clock.millis() / 1000);
        r.put("unrealizedpnl", round2(pnl));
        r.put("warrantsmarketvalue", 0.0);
        if (last) {
            r.put("endofbundle", 1);
        }
        return r;
    }

    private void contractInfo(Context ctx) {
        long conid;
        try {
            conid = Long.parseLong(ctx.pathParam("conid"));
        } catch (NumberFormatException e) {
            throw badRequest("Bad Request: conid must be an integer");
        }
        FuturesHolding h = book.stream().filter(x -> x.conid() == conid).findFirst()
                .orElseThrow(() -> badRequest("Bad Request: unknown conid " + conid));
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("cfi_code", "");
        c.put("symbol", h.ticker());
        c.put("cusip", null);
        c.put("expiry_full", h.expiry().substring(0, 6));
        c.put("con_id", h.conid());
        c.put("maturity_date", h.expiry());
        c.put("industry", null);
        c.put("instrument_type", "FUT");
        c.put("trading_class", h.ticker());
        c.put("valid_exchanges", "CME,QBALGO");
        c.put("allow_sell_long", false);
        c.put("is_zero_commission_security", false);
        c.put("local_symbol", h.localSymbol());
        c.put("contract_clarification_type", null);
        c.put("classifier", null);
        c.put("currency", "USD");
        c.put("text", null);
        c.put("underlying_con_id", h.underlyingConid());
        c.put("r_t_h", false);
        c.put("multiplier", String.valueOf((long) h.multiplier()));
        c.put("underlying_issuer", null);
        c.put("contract_month", h.expiry().substring(0, 6));
        c.put("company_name", h.name());
        c.put("smart_available", false);
        c.put("exchange", "CME");
        c.put("category", null);
        writeJson(ctx, 200, c);
    }
}
