SELECT "unterminated;
DROP TABLE x;
