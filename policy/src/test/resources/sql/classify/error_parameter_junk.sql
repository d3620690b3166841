SELECT $1abc;
