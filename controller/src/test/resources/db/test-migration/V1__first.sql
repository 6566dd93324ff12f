-- test migration 1
CREATE TABLE first (id INTEGER PRIMARY KEY);
