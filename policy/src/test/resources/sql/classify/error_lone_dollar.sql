SELECT $foo;
