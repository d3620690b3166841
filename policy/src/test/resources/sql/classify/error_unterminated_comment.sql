SELECT 1; /* outer /* inner */ DROP TABLE x;
