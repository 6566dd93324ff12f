-- test migration 2: adds a table and a row
CREATE TABLE second (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
INSERT INTO second (name) VALUES ('seeded');
