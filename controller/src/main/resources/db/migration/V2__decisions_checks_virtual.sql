-- V2: the checks of a decision are stored once, inside response_json (they are its "checks" array), instead of a
-- second copy in checks_json: that halves an audit row (~5 KB -> ~2.9 KB, which then fits in one 4 KB page without
-- an overflow page) on the writer that runs beside every decision. checks_json stays a column for queries: a VIRTUAL
-- generated column, computed when read, costing nothing on insert. Existing rows keep their checks (their response
-- holds the same array).
ALTER TABLE decisions DROP COLUMN checks_json;
ALTER TABLE decisions ADD COLUMN checks_json TEXT GENERATED ALWAYS AS (json_extract(response_json, '$.checks')) VIRTUAL;
