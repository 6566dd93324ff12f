-- test migration 3: fails half-way, so its first statement must be rolled back
CREATE TABLE third (id INTEGER PRIMARY KEY);
INSERT INTO no_such_table VALUES (1);
