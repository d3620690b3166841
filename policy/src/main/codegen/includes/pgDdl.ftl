<#--
  PostgreSQL DDL productions for the Drawbridge DDL parser, on top of calcite-core's grammar
  (LOOKAHEAD 1). Entry point: PgDdlStatementEof(). Node classes: dev.drawbridge.policy.ddl.node.
  Note: FreeMarker reads this file first, so it must not contain a less-than sign directly followed
  by a hash or at sign, nor a dollar sign followed by a brace, anywhere, comments included.
-->

/** One PostgreSQL DDL statement, an optional semicolon, then the end of input. */
SqlNode PgDdlStatementEof() :
{
    final SqlNode stmt;
}
{
    (
        stmt = PgAlter()
    |
        stmt = PgCreate()
    |
        stmt = PgDrop()
    |
        stmt = PgTruncate()
    |
        stmt = PgReindex()
    |
        stmt = PgVacuum()
    |
        stmt = PgCluster()
    |
        stmt = PgComment()
    )
    [ <SEMICOLON> ]
    <EOF>
    { return stmt; }
}

/* ---------------------------------------------------------------- names, literals */

/** A possibly qualified name: name [. name ...]. */
SqlIdentifier PgName() :
{
    final List<String> names = new ArrayList<String>();
    final List<SqlParserPos> positions = new ArrayList<SqlParserPos>();
}
{
    AddIdentifierSegment(names, positions)
    (
        LOOKAHEAD(2) <DOT> AddIdentifierSegment(names, positions)
    )*
    {
        SqlParserPos pos = SqlParserPos.sum(positions);
        return PgNames.checkColId(new SqlIdentifier(names, null, pos, positions));
    }
}

/** A comma-separated list of possibly qualified names. */
SqlNodeList PgNameList() :
{
    final List<SqlNode> list = new ArrayList<SqlNode>();
    SqlIdentifier id;
    final Span s = span();
}
{
    id = PgName() { list.add(id); }
    ( <COMMA> id = PgName() { list.add(id); } )*
    { return new SqlNodeList(list, s.end(this)); }
}

/** A simple name that PostgreSQL accepts as a column or table name (ColId). */
SqlIdentifier PgColId() :
{
    final SqlIdentifier id;
}
{
    id = SimpleIdentifier() { return PgNames.checkColId(id); }
|
    id = PgKeywordColId() { return id; }
}

/**
 * A word Calcite reserves but PostgreSQL accepts as a column name (date, value, year, new, ...;
 * pgColIdCoreKeywords in config.fmpp), as the unquoted, lower-cased name.
 */
SqlIdentifier PgKeywordColId() :
{
}
{
    (
<#list parser.pgColIdCoreKeywords as kw>
        <${kw}><#sep> |</#sep>
</#list>
    )
    { return new SqlIdentifier(token.image.toLowerCase(Locale.ROOT), getPos()); }
}

/** ( name, ... ) */
SqlNodeList PgColIdList() :
{
    final List<SqlNode> list = new ArrayList<SqlNode>();
    SqlIdentifier id;
    final Span s = span();
}
{
    <LPAREN>
    id = PgColId() { list.add(id); }
    ( <COMMA> id = PgColId() { list.add(id); } )*
    <RPAREN>
    { return new SqlNodeList(list, s.end(this)); }
}

/** $$...$$ (an untagged dollar-quoted string) as a character literal. */
SqlNode PgDollarString() :
{
}
{
    <PG_DOLLAR_STRING> {
        String image = token.image;
        return SqlLiteral.createCharString(image.substring(2, image.length() - 2), getPos());
    }
}

/** A plain string constant (no character set prefix). */
SqlLiteral PgStringConst() :
{
    SqlNode e;
}
{
    e = StringLiteral() {
        e = PgExpressions.check(e);
        if (!(e instanceof SqlCharStringLiteral)
            || ((SqlCharStringLiteral) e).getNlsString().getCharsetName() != null) {
            throw new PgSyntaxException("string constant expected", e.getParserPosition());
        }
        return (SqlLiteral) e;
    }
|
    e = PgDollarString() { return (SqlLiteral) e; }
}

int PgSignedInt() :
{
    boolean negative = false;
}
{
    [ <MINUS> { negative = true; } | <PLUS> ]
    <UNSIGNED_INTEGER_LITERAL> {
        try {
            int v = Integer.parseInt(token.image);
            return negative ? -v : v;
        } catch (NumberFormatException e) {
            throw new PgSyntaxException("integer out of range", getPos());
        }
    }
}

int PgUnsignedInt() :
{
}
{
    <UNSIGNED_INTEGER_LITERAL> {
        try {
            return Integer.parseInt(token.image);
        } catch (NumberFormatException e) {
            throw new PgSyntaxException("integer out of range", getPos());
        }
    }
}

boolean PgIfExists() :
{
}
{
    <IF> <EXISTS> { return true; }
}

boolean PgIfNotExists() :
{
}
{
    <IF> <NOT> <EXISTS> { return true; }
}

DropBehavior PgDropBehavior() :
{
}
{
    <CASCADE> { return DropBehavior.CASCADE; }
|
    <RESTRICT> { return DropBehavior.RESTRICT; }
|
    { return DropBehavior.UNSPECIFIED; }
}

/* ---------------------------------------------------------------- expressions */

/** PostgreSQL's "::" cast, an extra binary expression of Expression2. */
/**
 * PostgreSQL's jsonb and other built-in operators that Calcite lacks ("->" ... "?&"): one
 * precedence level between comparison and addition, left-associative, as PostgreSQL's "any other
 * operator".
 */
void PgOtherOperator(List<Object> list, ExprContext exprContext, Span s) :
{
    final String op;
}
{
    (
        <LAMBDA> { op = "->"; }
    |   <PG_ARROW_TEXT> { op = "->>"; }
    |   <PG_PATH> { op = "#>"; }
    |   <PG_PATH_TEXT> { op = "#>>"; }
    |   <PG_DELETE_PATH> { op = "#-"; }
    |   <PG_CONTAINS> { op = "@>"; }
    |   <PG_CONTAINED> { op = "<" + "@"; }
    |   <PG_PATH_EXISTS> { op = "@?"; }
    |   <PG_MATCH> { op = "@@"; }
    |   <HOOK> { op = "?"; }
    |   <PG_KEY_ANY> { op = "?|"; }
    |   <PG_KEY_ALL> { op = "?&"; }
    )
    {
        list.add(new SqlParserUtil.ToTreeListItem(PgOperator.of(op), getPos()));
    }
    AddExpression2b(list, ExprContext.ACCEPT_NON_QUERY)
}

void PgInfixCast(List<Object> list, ExprContext exprContext, Span s) :
{
    final SqlDataTypeSpec dt;
}
{
    <PG_CAST> dt = PgDataType() {
        PgExpressions.applyCast(list, dt, getPos());
    }
}

/** A full expression (PostgreSQL's a_expr), checked against the allow-list. */
SqlNode PgExpr() :
{
    final SqlNode e;
}
{
    e = Expression(ExprContext.ACCEPT_NON_QUERY) { return PgExpressions.check(e); }
}

/**
 * A restricted expression (PostgreSQL's b_expr, used after DEFAULT in a column definition): no
 * AND, OR, NOT, IS, LIKE, IN or BETWEEN at the top level, so "DEFAULT 0 NOT NULL" ends at 0.
 */
SqlNode PgBExpr() :
{
    final List<Object> list = new ArrayList<Object>();
    SqlOperator op;
    final Span s = span();
}
{
    AddExpression2b(list, ExprContext.ACCEPT_NON_QUERY)
    (
        PgInfixCast(list, ExprContext.ACCEPT_NON_QUERY, s)
    |
        PgOtherOperator(list, ExprContext.ACCEPT_NON_QUERY, s)
    |
        op = PgBOperator() {
            list.add(new SqlParserUtil.ToTreeListItem(op, getPos()));
        }
        AddExpression2b(list, ExprContext.ACCEPT_NON_QUERY)
    )*
    {
        for (Object o : list) {
            if (o instanceof SqlParserUtil.ToTreeListItem) {
                SqlKind k = ((SqlParserUtil.ToTreeListItem) o).getOperator().getKind();
                if (k == SqlKind.NOT || k == SqlKind.EXISTS) {
                    throw new PgSyntaxException("NOT is not allowed in a DEFAULT expression without parentheses",
                        ((SqlParserUtil.ToTreeListItem) o).getPos());
                }
            }
        }
        return PgExpressions.check(SqlParserUtil.toTree(PgExpressions.checkNonAssociative(list)));
    }
}

SqlOperator PgBOperator() :
{
}
{
    <PLUS> { return SqlStdOperatorTable.PLUS; }
|   <MINUS> { return SqlStdOperatorTable.MINUS; }
|   <STAR> { return SqlStdOperatorTable.MULTIPLY; }
|   <SLASH> { return SqlStdOperatorTable.DIVIDE; }
|   <PERCENT_REMAINDER> { return SqlStdOperatorTable.PERCENT_REMAINDER; }
|   <CONCAT> { return SqlStdOperatorTable.CONCAT; }
|   <EQ> { return SqlStdOperatorTable.EQUALS; }
|   <NE> { return SqlStdOperatorTable.NOT_EQUALS; }
|   <NE2> { return SqlStdOperatorTable.NOT_EQUALS; }
|   <LT> { return SqlStdOperatorTable.LESS_THAN; }
|   <GT> { return SqlStdOperatorTable.GREATER_THAN; }
|   <LE> { return SqlStdOperatorTable.LESS_THAN_OR_EQUAL; }
|   <GE> { return SqlStdOperatorTable.GREATER_THAN_OR_EQUAL; }
}

/** ( expression ) */
SqlNode PgParenExpr() :
{
    final SqlNode e;
}
{
    <LPAREN> e = PgExpr() <RPAREN> { return e; }
}

/* ---------------------------------------------------------------- types */

SqlDataTypeSpec PgDataType() :
{
    final SqlTypeNameSpec spec;
}
{
    spec = PgTypeName() {
        return new SqlDataTypeSpec(spec, spec.getParserPos());
    }
}

/** A PostgreSQL type name with modifiers and array dimensions. */
SqlTypeNameSpec PgTypeName() :
{
    final SqlTypeNameSpec spec;
    final Span s = span();
}
{
    <INTERVAL> spec = PgTypeNameRest("INTERVAL", null, s) { return spec; }
|
    spec = PgNonIntervalTypeName() { return spec; }
}

/**
 * Every PostgreSQL type but INTERVAL (registered ahead of Calcite's types, so CAST(x AS t) reads t
 * as a PostgreSQL type; CAST(x AS INTERVAL ...) keeps Calcite's interval-qualifier syntax).
 */
SqlTypeNameSpec PgNonIntervalTypeName() :
{
    String kw = null;
    SqlIdentifier id = null;
    final Span s = span();
}
{
    (
        <DOUBLE> <PRECISION> { kw = "DOUBLE PRECISION"; }
    |
        <CHARACTER> { kw = "CHARACTER"; } [ <VARYING> { kw = "CHARACTER VARYING"; } ]
    |
        <CHAR> { kw = "CHAR"; } [ <VARYING> { kw = "CHAR VARYING"; } ]
    |
        <VARCHAR> { kw = "VARCHAR"; }
    |
        <BIT> { kw = "BIT"; } [ <VARYING> { kw = "BIT VARYING"; } ]
    |
        <UUID> { id = new SqlIdentifier("uuid", getPos()); }
    |
        <INT> { kw = "INT"; }
    |
        <INTEGER> { kw = "INTEGER"; }
    |
        <BIGINT> { kw = "BIGINT"; }
    |
        <SMALLINT> { kw = "SMALLINT"; }
    |
        <REAL> { kw = "REAL"; }
    |
        <FLOAT> { kw = "FLOAT"; }
    |
        <DECIMAL> { kw = "DECIMAL"; }
    |
        <DEC> { kw = "DEC"; }
    |
        <NUMERIC> { kw = "NUMERIC"; }
    |
        <BOOLEAN> { kw = "BOOLEAN"; }
    |
        <DATE> { kw = "DATE"; }
    |
        <TIMESTAMP> { kw = "TIMESTAMP"; }
    |
        <TIME> { kw = "TIME"; }
    |
        id = PgName()
    )
    { return PgTypeNameRest(kw, id, s); }
}

/** Modifiers, time zone and array dimensions after a type name. */
SqlTypeNameSpec PgTypeNameRest(String kw, SqlIdentifier id, Span s) :
{
    final List<Integer> mods = new ArrayList<Integer>();
    PgTypeNameSpec.TimeZone tz = PgTypeNameSpec.TimeZone.UNSPECIFIED;
    final List<Integer> bounds = new ArrayList<Integer>();
    int n;
    boolean signed = false;
    boolean negative = false;
}
{
    [
        LOOKAHEAD(1)
        <LPAREN>
        [ <PLUS> { signed = true; } | <MINUS> { signed = true; negative = true; } ]
        n = PgUnsignedInt() { mods.add(negative ? -n : n); }
        ( <COMMA> n = PgSignedInt() { mods.add(n); } )*
        <RPAREN>
    ]
    [
        LOOKAHEAD(2)
        ( <WITH> { tz = PgTypeNameSpec.TimeZone.WITH; } | <WITHOUT> { tz = PgTypeNameSpec.TimeZone.WITHOUT; } )
        <TIME> <ZONE> {
            if (!"TIMESTAMP".equals(kw) && !"TIME".equals(kw)) {
                throw new PgSyntaxException("WITH/WITHOUT TIME ZONE only follows time and timestamp", getPos());
            }
        }
    ]
    [ LOOKAHEAD(1) PgArraySuffix(bounds) ]
    {
        return PgTypeNameSpec.checked(kw, id, mods, signed, tz, bounds, s.end(this));
    }
}

/** [] [n] ... or ARRAY [n] after a type name. */
void PgArraySuffix(List<Integer> bounds) :
{
    int n;
}
{
    (
        LOOKAHEAD(1)
        <LBRACKET> { n = -1; } [ <UNSIGNED_INTEGER_LITERAL> { n = Integer.parseInt(token.image); } ] <RBRACKET> {
            bounds.add(n);
        }
    )+
|
    <ARRAY> { n = -1; }
    [ LOOKAHEAD(1) <LBRACKET> <UNSIGNED_INTEGER_LITERAL> { n = Integer.parseInt(token.image); } <RBRACKET> ]
    { bounds.add(n); }
}

/* ---------------------------------------------------------------- options */

/** Storage parameters: ( name [= value], ... ); names may be qualified (toast.x). */
SqlNodeList PgStorageParams(boolean withValues) :
{
    final List<SqlNode> list = new ArrayList<SqlNode>();
    SqlNode o;
    final Span s = span();
}
{
    <LPAREN>
    o = PgStorageParam(withValues) { list.add(o); }
    ( <COMMA> o = PgStorageParam(withValues) { list.add(o); } )*
    <RPAREN>
    { return new SqlNodeList(list, s.end(this)); }
}

SqlNode PgStorageParam(boolean withValues) :
{
    final SqlIdentifier name;
    SqlNode value = null;
    final Span s = span();
}
{
    name = PgName()
    [
        <EQ> value = PgOptionValue() {
            if (!withValues) {
                throw new PgSyntaxException("RESET takes parameter names only", getPos());
            }
        }
    ]
    {
        if (name.names.size() > 2) {
            throw new PgSyntaxException("improper parameter name", name.getParserPosition());
        }
        return new SqlPgOption(String.join(".", name.names), value, SqlPgOption.Style.EQUALS, s.end(this));
    }
}

/** A parameter value: a number, a string, true/false/on, or a word. */
SqlNode PgOptionValue() :
{
    final SqlNode v;
}
{
    v = NumericLiteral() { return v; }
|   v = PgStringConst() { return v; }
|   <TRUE> { return SqlLiteral.createBoolean(true, getPos()); }
|   <FALSE> { return SqlLiteral.createBoolean(false, getPos()); }
|   <ON> { return new SqlIdentifier("on", getPos()); }
|   v = SimpleIdentifier() { return PgNames.checkColId((SqlIdentifier) v); }
}

/** Utility opts: ( name [value], ... ), as in REINDEX (VERBOSE) or VACUUM (FULL, ANALYZE). */
SqlNodeList PgUtilityOptions(String command) :
{
    final List<SqlNode> list = new ArrayList<SqlNode>();
    SqlNode o;
    final Span s = span();
}
{
    <LPAREN>
    o = PgUtilityOption() { list.add(o); }
    ( <COMMA> o = PgUtilityOption() { list.add(o); } )*
    <RPAREN>
    {
        PgOptionChecks.checkUtilityOptions(command, list, s.end(this));
        return new SqlNodeList(list, s.end(this));
    }
}

SqlNode PgUtilityOption() :
{
    final String name;
    SqlNode value = null;
    final Span s = span();
}
{
    (
        <FULL> { name = "full"; }
    |   <TRUNCATE> { name = "truncate"; }
    |   name = Identifier()
    )
    [ value = PgOptionValue() ]
    { return new SqlPgOption(name.toLowerCase(java.util.Locale.ROOT), value, SqlPgOption.Style.SPACE, s.end(this)); }
}

/** Sequence opts of an identity column: ( START WITH 1 INCREMENT BY 1 ... ). */
SqlNodeList PgSequenceOptions() :
{
    final List<SqlNode> list = new ArrayList<SqlNode>();
    SqlNode o;
    final Span s = span();
}
{
    <LPAREN>
    ( o = PgSequenceOption() { list.add(o); } )+
    <RPAREN>
    {
        PgOptionChecks.checkSequenceOptions(list, s.end(this));
        return new SqlNodeList(list, s.end(this));
    }
}

SqlNode PgSequenceOption() :
{
    String name;
    SqlNode value = null;
    final Span s = span();
}
{
    (
        LOOKAHEAD(1, { "cache".equals(getToken(1).image.toLowerCase(java.util.Locale.ROOT)) })
        Identifier() { name = "cache"; } value = NumericLiteral()
    |   <START> { name = "start"; } [ <WITH> { name = "start with"; } ] value = NumericLiteral()
    |   <INCREMENT> { name = "increment"; } [ <BY> { name = "increment by"; } ] value = NumericLiteral()
    |   <MINVALUE> { name = "minvalue"; } value = NumericLiteral()
    |   <MAXVALUE> { name = "maxvalue"; } value = NumericLiteral()
    |   <CYCLE> { name = "cycle"; }
    |   <NO> ( <MINVALUE> { name = "no minvalue"; } | <MAXVALUE> { name = "no maxvalue"; } | <CYCLE> { name = "no cycle"; } )
    |   <AS> { name = "as"; } value = PgDataType()
    |   <RESTART> { name = "restart"; } [ LOOKAHEAD(1) <WITH> { name = "restart with"; } value = NumericLiteral() | value = NumericLiteral() ]
    |   <SEQUENCE> <NAME> { name = "sequence name"; } value = PgName()
    )
    { return new SqlPgOption(name, value, SqlPgOption.Style.SPACE, s.end(this)); }
}

/* ---------------------------------------------------------------- constraints */

/** REFERENCES table [(cols)] [MATCH FULL|PARTIAL|SIMPLE] [ON DELETE action] [ON UPDATE action] */
SqlPgReferences PgReferences() :
{
    final SqlIdentifier table;
    SqlNodeList cols = null;
    SqlPgReferences.Match match = null;
    SqlPgReferences.Action onDelete = null;
    SqlPgReferences.Action onUpdate = null;
    SqlPgReferences.Action a;
    final Span s = span();
}
{
    <REFERENCES> table = PgName()
    [ cols = PgColIdList() ]
    [
        <MATCH>
        (
            <FULL> { match = SqlPgReferences.Match.FULL; }
        |   <PARTIAL> { match = SqlPgReferences.Match.PARTIAL; }
        |   <SIMPLE> { match = SqlPgReferences.Match.SIMPLE; }
        )
    ]
    (
        <ON>
        (
            <DELETE> a = PgRefAction() {
                if (onDelete != null) {
                    throw new PgSyntaxException("ON DELETE given twice", getPos());
                }
                onDelete = a;
            }
        |
            <UPDATE> a = PgRefAction() {
                if (onUpdate != null) {
                    throw new PgSyntaxException("ON UPDATE given twice", getPos());
                }
                onUpdate = a;
            }
        )
    )*
    { return new SqlPgReferences(table, cols, match, onDelete, onUpdate, s.end(this)); }
}

SqlPgReferences.Action PgRefAction() :
{
}
{
    <NO> <ACTION> { return SqlPgReferences.Action.NO_ACTION; }
|   <RESTRICT> { return SqlPgReferences.Action.RESTRICT; }
|   <CASCADE> { return SqlPgReferences.Action.CASCADE; }
|   <SET> ( <NULL> { return SqlPgReferences.Action.SET_NULL; } | <DEFAULT_> { return SqlPgReferences.Action.SET_DEFAULT; } )
}

/** GENERATED ALWAYS|BY DEFAULT AS IDENTITY [(opts)], after GENERATED; returns "always". */
boolean PgIdentityKind() :
{
}
{
    <ALWAYS> { return true; }
|   <BY> <DEFAULT_> { return false; }
}

/** Adds one column constraint (or applies a deferral attribute to the previous one). */
void PgColumnConstraint(List<SqlNode> list) :
{
    SqlIdentifier name = null;
    SqlPgColumnConstraint.Type type;
    SqlNode expr = null;
    SqlPgReferences refs = null;
    SqlIdentifier collation = null;
    SqlNodeList seq = null;
    boolean always = false;
    boolean noInherit = false;
    Boolean nullsDistinct = null;
    final Span s = span();
}
{
    (
        [ <CONSTRAINT> name = PgColId() ]
        (
            <NOT>
            (
                <NULL> { type = SqlPgColumnConstraint.Type.NOT_NULL; }
            |
                <DEFERRABLE> {
                    if (name != null) {
                        throw new PgSyntaxException("constraint name before NOT DEFERRABLE", getPos());
                    }
                    PgColumnChecks.applyTiming(list, "NOT DEFERRABLE", getPos());
                    return;
                }
            )
        |
            <NULL> { type = SqlPgColumnConstraint.Type.NULL; }
        |
            <DEFAULT_> expr = PgBExpr() { type = SqlPgColumnConstraint.Type.DEFAULT; }
        |
            <CHECK> expr = PgParenExpr() { type = SqlPgColumnConstraint.Type.CHECK; }
            [ <NO> <INHERIT> { noInherit = true; } ]
        |
            <UNIQUE> { type = SqlPgColumnConstraint.Type.UNIQUE; }
            [ nullsDistinct = PgNullsDistinct() ]
        |
            <PRIMARY> <KEY> { type = SqlPgColumnConstraint.Type.PRIMARY_KEY; }
        |
            refs = PgReferences() { type = SqlPgColumnConstraint.Type.REFERENCES; }
        |
            <GENERATED> always = PgIdentityKind() <AS>
            (
                <IDENTITY> { type = SqlPgColumnConstraint.Type.IDENTITY; }
                [ seq = PgSequenceOptions() ]
            |
                expr = PgParenExpr() {
                    if (!always) {
                        throw new PgSyntaxException("for a generated column, GENERATED ALWAYS must be specified", getPos());
                    }
                    type = SqlPgColumnConstraint.Type.GENERATED;
                }
                [
                    <STORED> { type = SqlPgColumnConstraint.Type.GENERATED_STORED; }
                |
                    <VIRTUAL> { type = SqlPgColumnConstraint.Type.GENERATED_VIRTUAL; }
                ]
            )
        |
            <COLLATE> collation = PgName() {
                if (name != null) {
                    throw new PgSyntaxException("COLLATE cannot be named", getPos());
                }
                type = SqlPgColumnConstraint.Type.COLLATE;
            }
        )
        {
            list.add(new SqlPgColumnConstraint(name, type, expr, refs, collation, seq, always,
                noInherit, nullsDistinct, ConstraintTiming.NONE, s.end(this)));
        }
    |
        <DEFERRABLE> { PgColumnChecks.applyTiming(list, "DEFERRABLE", getPos()); }
    |
        <INITIALLY>
        (
            <DEFERRED> { PgColumnChecks.applyTiming(list, "INITIALLY DEFERRED", getPos()); }
        |
            <IMMEDIATE> { PgColumnChecks.applyTiming(list, "INITIALLY IMMEDIATE", getPos()); }
        )
    )
}

/** NULLS [NOT] DISTINCT; returns true for NULLS DISTINCT. */
Boolean PgNullsDistinct() :
{
    boolean distinct = true;
}
{
    <NULLS> [ <NOT> { distinct = false; } ] <DISTINCT> { return distinct; }
}

/** name type [constraints] */
SqlPgColumnDef PgColumnDef() :
{
    final SqlIdentifier name;
    final SqlDataTypeSpec type;
    final List<SqlNode> constraints = new ArrayList<SqlNode>();
    final Span s = span();
}
{
    name = PgColId()
    type = PgDataType()
    ( PgColumnConstraint(constraints) )*
    {
        PgColumnChecks.checkColumn(constraints,
            ((PgTypeNameSpec) type.getTypeNameSpec()).isSerial(), s.end(this));
        return new SqlPgColumnDef(name, type,
            new SqlNodeList(constraints, s.end(this)), s.end(this));
    }
}

/** An index key: column, function call or (expression), with collation, opclass and ordering. */
SqlPgIndexElement PgIndexElement(boolean ordering, boolean exclusion) :
{
    SqlNode e;
    SqlIdentifier collation = null;
    SqlIdentifier opclass = null;
    Boolean desc = null;
    Boolean nullsFirst = null;
    String op = null;
    final Span s = span();
}
{
    (
        e = PgParenExpr()
    |
        // A column whose name Calcite reserves (date, value, ...), unless a call follows.
        LOOKAHEAD(1, { getToken(2).kind != LPAREN })
        e = PgKeywordColId()
    |
        e = AtomicRowExpression() {
            if (!(e instanceof SqlIdentifier) && !(e instanceof SqlCall)) {
                throw new PgSyntaxException("column or function call expected", e.getParserPosition());
            }
            if (e instanceof SqlIdentifier && ((SqlIdentifier) e).names.size() != 1) {
                throw new PgSyntaxException("qualified column names are not allowed here", e.getParserPosition());
            }
            PgExpressions.check(e);
        }
    )
    [ <COLLATE> collation = PgName() ]
    [
        LOOKAHEAD(1, { getToken(1).kind != ASC && getToken(1).kind != DESC && getToken(1).kind != NULLS
            && getToken(1).kind != WITH })
        opclass = PgName()
    ]
    [
        <ASC> { desc = false; }
    |   <DESC> { desc = true; }
    ]
    [
        <NULLS> ( <FIRST> { nullsFirst = true; } | <LAST> { nullsFirst = false; } )
    ]
    [
        <WITH> op = PgExclusionOperator()
    ]
    {
        if (!ordering && (desc != null || nullsFirst != null)) {
            throw new PgSyntaxException("ordering is not allowed here", s.end(this));
        }
        if (exclusion != (op != null)) {
            throw new PgSyntaxException(exclusion ? "WITH operator expected" : "unexpected WITH", s.end(this));
        }
        return new SqlPgIndexElement(e, collation, opclass, desc, nullsFirst, op, s.end(this));
    }
}

String PgExclusionOperator() :
{
}
{
    <EQ> { return "="; }
|   <PG_OVERLAP> { return "&&"; }
|   <NE> { return "<>"; }
|   <LT> { return "<"; }
|   <GT> { return ">"; }
}

/** ( element, ... ) */
SqlNodeList PgIndexElements(boolean ordering, boolean exclusion) :
{
    final List<SqlNode> list = new ArrayList<SqlNode>();
    SqlNode e;
    final Span s = span();
}
{
    <LPAREN>
    e = PgIndexElement(ordering, exclusion) { list.add(e); }
    ( <COMMA> e = PgIndexElement(ordering, exclusion) { list.add(e); } )*
    <RPAREN>
    { return new SqlNodeList(list, s.end(this)); }
}

/** A table constraint with its attributes (NOT VALID, NO INHERIT, deferral). */
SqlPgTableConstraint PgTableConstraint(boolean inCreateTable) :
{
    SqlIdentifier name = null;
    SqlPgTableConstraint.Type type;
    SqlNode check = null;
    SqlNodeList cols = null;
    SqlNodeList include = null;
    Boolean nullsDistinct = null;
    SqlIdentifier usingIndex = null;
    SqlPgReferences refs = null;
    SqlIdentifier method = null;
    SqlNodeList elems = null;
    SqlNode where = null;
    boolean notValid = false;
    boolean noInherit = false;
    ConstraintTiming timing = ConstraintTiming.NONE;
    final Span s = span();
}
{
    [ <CONSTRAINT> name = PgColId() ]
    (
        <CHECK> check = PgParenExpr() { type = SqlPgTableConstraint.Type.CHECK; }
    |
        (
            <UNIQUE> { type = SqlPgTableConstraint.Type.UNIQUE; }
            [ nullsDistinct = PgNullsDistinct() ]
        |
            <PRIMARY> <KEY> { type = SqlPgTableConstraint.Type.PRIMARY_KEY; }
        )
        (
            cols = PgColIdList()
            [ <INCLUDE> include = PgColIdList() ]
        |
            <USING> <INDEX> usingIndex = PgColId() {
                if (inCreateTable) {
                    throw new PgSyntaxException("cannot use an existing index in CREATE TABLE", getPos());
                }
            }
        )
    |
        <FOREIGN> <KEY> cols = PgColIdList()
        refs = PgReferences() { type = SqlPgTableConstraint.Type.FOREIGN_KEY; }
    |
        <EXCLUDE> { type = SqlPgTableConstraint.Type.EXCLUDE; }
        [ <USING> method = PgColId() ]
        elems = PgIndexElements(true, true)
        [ <INCLUDE> include = PgColIdList() ]
        [ <WHERE> where = PgParenExpr() ]
    )
    (
        <NOT>
        (
            <VALID> {
                if (notValid) {
                    throw new PgSyntaxException("NOT VALID given twice", getPos());
                }
                notValid = true;
            }
        |
            <DEFERRABLE> { timing = PgColumnChecks.merge(timing, "NOT DEFERRABLE", getPos()); }
        )
    |
        <DEFERRABLE> { timing = PgColumnChecks.merge(timing, "DEFERRABLE", getPos()); }
    |
        <INITIALLY>
        (
            <DEFERRED> { timing = PgColumnChecks.merge(timing, "INITIALLY DEFERRED", getPos()); }
        |
            <IMMEDIATE> { timing = PgColumnChecks.merge(timing, "INITIALLY IMMEDIATE", getPos()); }
        )
    |
        <NO> <INHERIT> {
            if (noInherit) {
                throw new PgSyntaxException("NO INHERIT given twice", getPos());
            }
            noInherit = true;
        }
    )*
    {
        if (notValid && type != SqlPgTableConstraint.Type.CHECK
            && type != SqlPgTableConstraint.Type.FOREIGN_KEY) {
            throw new PgSyntaxException(type + " constraints cannot be marked NOT VALID", s.end(this));
        }
        if (noInherit && type != SqlPgTableConstraint.Type.CHECK) {
            throw new PgSyntaxException(type + " constraints cannot be marked NO INHERIT", s.end(this));
        }
        if (!timing.isEmpty() && type == SqlPgTableConstraint.Type.CHECK) {
            throw new PgSyntaxException("CHECK constraints cannot be marked DEFERRABLE", s.end(this));
        }
        return new SqlPgTableConstraint(name, type, check, cols, include, nullsDistinct, usingIndex,
            refs, method, elems, where, notValid, noInherit, timing, s.end(this));
    }
}

/** FOR VALUES IN (...) | FROM (...) TO (...) | WITH (MODULUS m, REMAINDER r), or DEFAULT. */
SqlPgPartitionBound PgPartitionBound() :
{
    SqlNodeList values = null;
    SqlNodeList to = null;
    int modulus = 0;
    int remainder = 0;
    String w;
    final Span s = span();
}
{
    <DEFAULT_> {
        return new SqlPgPartitionBound(SqlPgPartitionBound.Type.DEFAULT, null, null, 0, 0, s.end(this));
    }
|
    <FOR> <VALUES>
    (
        <IN> values = PgExprList() {
            return new SqlPgPartitionBound(SqlPgPartitionBound.Type.IN, values, null, 0, 0, s.end(this));
        }
    |
        <FROM> values = PgExprList() <TO> to = PgExprList() {
            return new SqlPgPartitionBound(SqlPgPartitionBound.Type.RANGE, values, to, 0, 0, s.end(this));
        }
    |
        <WITH> <LPAREN>
        w = Identifier() modulus = PgUnsignedInt() {
            if (!w.equalsIgnoreCase("modulus")) {
                throw new PgSyntaxException("MODULUS expected", getPos());
            }
        }
        <COMMA>
        w = Identifier() remainder = PgUnsignedInt() {
            if (!w.equalsIgnoreCase("remainder")) {
                throw new PgSyntaxException("REMAINDER expected", getPos());
            }
        }
        <RPAREN> {
            return new SqlPgPartitionBound(SqlPgPartitionBound.Type.HASH, null, null, modulus, remainder, s.end(this));
        }
    )
}

/** ( expr, ... ) */
SqlNodeList PgExprList() :
{
    final List<SqlNode> list = new ArrayList<SqlNode>();
    SqlNode e;
    final Span s = span();
}
{
    <LPAREN>
    e = PgExpr() { list.add(e); }
    ( <COMMA> e = PgExpr() { list.add(e); } )*
    <RPAREN>
    { return new SqlNodeList(list, s.end(this)); }
}

/* ---------------------------------------------------------------- ALTER */

SqlNode PgAlter() :
{
    final SqlNode n;
}
{
    <ALTER>
    (
        n = PgAlterTable()
    |
        n = PgAlterType()
    |
        n = PgAlterObject()
    )
    { return n; }
}

/**
 * After ALTER: INDEX [IF EXISTS] i RENAME TO j | INDEX i ATTACH PARTITION j | SCHEMA s RENAME TO
 * t | SEQUENCE [IF EXISTS] s OWNED BY t.c
 */
SqlNode PgAlterObject() :
{
    boolean ifExists = false;
    final SqlIdentifier name;
    final SqlIdentifier target;
    final SqlPgObjectDdl.Type type;
    final Span s = span();
}
{
    (
        <INDEX>
        [ LOOKAHEAD(2) ifExists = PgIfExists() ]
        name = PgName()
        (
            <RENAME> <TO> target = PgColId() { type = SqlPgObjectDdl.Type.RENAME_INDEX; }
        |
            <ATTACH> <PARTITION> target = PgName() {
                if (ifExists) {
                    throw new PgSyntaxException("IF EXISTS is not allowed with ATTACH PARTITION", getPos());
                }
                type = SqlPgObjectDdl.Type.ATTACH_INDEX;
            }
        )
    |
        <SCHEMA> name = PgColId() <RENAME> <TO> target = PgColId() {
            type = SqlPgObjectDdl.Type.RENAME_SCHEMA;
        }
    |
        <SEQUENCE>
        [ LOOKAHEAD(2) ifExists = PgIfExists() ]
        name = PgName()
        <OWNED> <BY> target = PgName() {
            if (target.names.size() < 2) {
                throw new PgSyntaxException("OWNED BY needs table.column", target.getParserPosition());
            }
            type = SqlPgObjectDdl.Type.SEQUENCE_OWNED_BY;
        }
    )
    { return new SqlPgObjectDdl(type, ifExists, name, target, s.end(this)); }
}

/** After ALTER: TABLE [IF EXISTS] [ONLY] name [*] action [, action ...] */
SqlNode PgAlterTable() :
{
    boolean ifExists = false;
    boolean only = false;
    boolean star = false;
    final SqlIdentifier table;
    final List<SqlNode> actions = new ArrayList<SqlNode>();
    SqlNode a;
    final Span s = span();
}
{
    <TABLE>
    [ LOOKAHEAD(2) ifExists = PgIfExists() ]
    [ <ONLY> { only = true; } ]
    table = PgName()
    [
        <STAR> {
            star = true;
            if (only) {
                throw new PgSyntaxException("ONLY and * cannot be combined", getPos());
            }
        }
    ]
    a = PgAlterTableAction() { actions.add(a); }
    ( <COMMA> a = PgAlterTableAction() { actions.add(a); } )*
    {
        if (actions.size() > 1) {
            for (SqlNode action : actions) {
                if (action instanceof SqlPgTableAction) {
                    SqlPgTableAction.Type t = ((SqlPgTableAction) action).type();
                    if (t == SqlPgTableAction.Type.RENAME_COLUMN || t == SqlPgTableAction.Type.RENAME_CONSTRAINT
                        || t == SqlPgTableAction.Type.RENAME_TABLE || t == SqlPgTableAction.Type.SET_SCHEMA
                        || t == SqlPgTableAction.Type.ATTACH_PARTITION || t == SqlPgTableAction.Type.DETACH_PARTITION) {
                        throw new PgSyntaxException(t + " cannot be combined with other actions", action.getParserPosition());
                    }
                }
            }
        }
        return new SqlPgAlterTable(ifExists, only, star, table,
            new SqlNodeList(actions, s.end(this)), s.end(this));
    }
}

SqlNode PgAlterTableAction() :
{
    final SqlNode n;
}
{
    (
        n = PgAddAction()
    |
        n = PgAlterColumn()
    |
        n = PgDropAction()
    |
        n = PgOtherAction()
    )
    { return n; }
}

SqlNode PgAddAction() :
{
    boolean ine = false;
    final SqlPgColumnDef col;
    final SqlPgTableConstraint c;
    final Span s;
}
{
    <ADD> { s = span(); }
    (
        <COLUMN> [ LOOKAHEAD(3) ine = PgIfNotExists() ] col = PgColumnDef() {
            return new SqlPgAddColumn(ine, col, s.end(this));
        }
    |
        LOOKAHEAD(2)
        c = PgTableConstraint(false) {
            return new SqlPgAddConstraint(c, s.end(this));
        }
    |
        [ LOOKAHEAD(3) ine = PgIfNotExists() ] col = PgColumnDef() {
            return new SqlPgAddColumn(ine, col, s.end(this));
        }
    )
}

SqlNode PgAlterColumn() :
{
    final SqlIdentifier col;
    SqlDataTypeSpec type = null;
    SqlIdentifier collation = null;
    SqlNode e = null;
    SqlNodeList seq = null;
    boolean always = false;
    boolean ifExists = false;
    String arg = null;
    SqlPgAlterColumn.Type t;
    int n;
    final Span s;
}
{
    <ALTER> { s = span(); } [ <COLUMN> ] col = PgColId()
    (
        <TYPE> type = PgDataType() { t = SqlPgAlterColumn.Type.SET_TYPE; }
        [ <COLLATE> collation = PgName() ]
        [ <USING> e = PgExpr() ]
    |
        <SET>
        (
            <DATA> <TYPE> type = PgDataType() { t = SqlPgAlterColumn.Type.SET_TYPE; }
            [ <COLLATE> collation = PgName() ]
            [ <USING> e = PgExpr() ]
        |
            <DEFAULT_> e = PgExpr() { t = SqlPgAlterColumn.Type.SET_DEFAULT; }
        |
            <NOT> <NULL> { t = SqlPgAlterColumn.Type.SET_NOT_NULL; }
        |
            <STATISTICS> n = PgSignedInt() {
                t = SqlPgAlterColumn.Type.SET_STATISTICS;
                arg = Integer.toString(n);
            }
        |
            <STORAGE> { t = SqlPgAlterColumn.Type.SET_STORAGE; }
            (
                <DEFAULT_> { arg = "default"; }
            |
                <EXTERNAL> { arg = "external"; }
            |
                arg = Identifier() {
                    arg = arg.toLowerCase(java.util.Locale.ROOT);
                    if (!arg.equals("plain") && !arg.equals("external") && !arg.equals("extended")
                        && !arg.equals("main")) {
                        throw new PgSyntaxException("invalid storage type", getPos());
                    }
                }
            )
        )
    |
        <DROP>
        (
            <DEFAULT_> { t = SqlPgAlterColumn.Type.DROP_DEFAULT; }
        |
            <NOT> <NULL> { t = SqlPgAlterColumn.Type.DROP_NOT_NULL; }
        |
            <EXPRESSION> { t = SqlPgAlterColumn.Type.DROP_EXPRESSION; }
            [ ifExists = PgIfExists() ]
        |
            <IDENTITY> { t = SqlPgAlterColumn.Type.DROP_IDENTITY; }
            [ ifExists = PgIfExists() ]
        )
    |
        <ADD> <GENERATED> always = PgIdentityKind() <AS> <IDENTITY> {
            t = SqlPgAlterColumn.Type.ADD_IDENTITY;
        }
        [ seq = PgSequenceOptions() ]
    )
    {
        return new SqlPgAlterColumn(col, t, type, collation, e, seq, always, ifExists, arg, s.end(this));
    }
}

SqlNode PgDropAction() :
{
    boolean ifExists = false;
    final SqlIdentifier name;
    final DropBehavior behavior;
    final Span s;
}
{
    <DROP> { s = span(); }
    (
        <CONSTRAINT> [ LOOKAHEAD(2) ifExists = PgIfExists() ] name = PgColId()
        behavior = PgDropBehavior() {
            return new SqlPgDropColumn(true, ifExists, name, behavior, s.end(this));
        }
    |
        [ <COLUMN> ] [ LOOKAHEAD(2) ifExists = PgIfExists() ] name = PgColId()
        behavior = PgDropBehavior() {
            return new SqlPgDropColumn(false, ifExists, name, behavior, s.end(this));
        }
    )
}

SqlNode PgOtherAction() :
{
    SqlIdentifier name = null;
    SqlIdentifier newName = null;
    SqlNodeList opts = null;
    SqlPgPartitionBound bound = null;
    String mode = null;
    String scope = null;
    SqlPgTableAction.Type t;
    final Span s = span();
}
{
    (
        <VALIDATE> <CONSTRAINT> name = PgColId() {
            t = SqlPgTableAction.Type.VALIDATE_CONSTRAINT;
        }
    |
        <RENAME>
        (
            <TO> newName = PgColId() { t = SqlPgTableAction.Type.RENAME_TABLE; }
        |
            <CONSTRAINT> name = PgColId() <TO> newName = PgColId() {
                t = SqlPgTableAction.Type.RENAME_CONSTRAINT;
            }
        |
            [ <COLUMN> ] name = PgColId() <TO> newName = PgColId() {
                t = SqlPgTableAction.Type.RENAME_COLUMN;
            }
        )
    |
        <SET>
        (
            <SCHEMA> name = PgColId() { t = SqlPgTableAction.Type.SET_SCHEMA; }
        |
            <LOGGED> { t = SqlPgTableAction.Type.SET_LOGGED; }
        |
            <UNLOGGED> { t = SqlPgTableAction.Type.SET_UNLOGGED; }
        |
            <TABLESPACE> name = PgColId() { t = SqlPgTableAction.Type.SET_TABLESPACE; }
        |
            opts = PgStorageParams(true) { t = SqlPgTableAction.Type.SET_OPTIONS; }
        )
    |
        <RESET> opts = PgStorageParams(false) { t = SqlPgTableAction.Type.RESET_OPTIONS; }
    |
        <ENABLE> { t = SqlPgTableAction.Type.ENABLE_TRIGGER; }
        [ <REPLICA> { mode = "REPLICA"; } | <ALWAYS> { mode = "ALWAYS"; } ]
        <TRIGGER>
        (
            <ALL> { scope = "ALL"; }
        |   <USER> { scope = "USER"; }
        |   name = PgColId()
        )
    |
        <DISABLE> { t = SqlPgTableAction.Type.DISABLE_TRIGGER; }
        <TRIGGER>
        (
            <ALL> { scope = "ALL"; }
        |   <USER> { scope = "USER"; }
        |   name = PgColId()
        )
    |
        <ATTACH> <PARTITION> name = PgName() bound = PgPartitionBound() {
            t = SqlPgTableAction.Type.ATTACH_PARTITION;
        }
    |
        <DETACH> <PARTITION> name = PgName() {
            t = SqlPgTableAction.Type.DETACH_PARTITION;
        }
        [ <CONCURRENTLY> { mode = "CONCURRENTLY"; } | <FINALIZE> { mode = "FINALIZE"; } ]
    )
    {
        return new SqlPgTableAction(t, name, newName, opts, bound, mode, scope, s.end(this));
    }
}

/** After ALTER: TYPE name ADD VALUE ... | RENAME VALUE ... */
SqlNode PgAlterType() :
{
    final SqlIdentifier type;
    boolean ine = false;
    SqlLiteral value;
    SqlLiteral other = null;
    Boolean before = null;
    final Span s = span();
}
{
    <TYPE> type = PgName()
    (
        <ADD> <VALUE> [ ine = PgIfNotExists() ] value = PgStringConst()
        [
            ( <BEFORE> { before = true; } | <AFTER> { before = false; } )
            other = PgStringConst()
        ]
        { return new SqlPgAlterType(type, false, ine, value, other, before, s.end(this)); }
    |
        <RENAME> <VALUE> value = PgStringConst() <TO> other = PgStringConst() {
            return new SqlPgAlterType(type, true, false, value, other, null, s.end(this));
        }
    )
}

/* ---------------------------------------------------------------- CREATE */

SqlNode PgCreate() :
{
    final SqlNode n;
    boolean unique = false;
    SqlPgCreateTable.Persistence p = SqlPgCreateTable.Persistence.PERMANENT;
}
{
    <CREATE>
    (
        [ <UNIQUE> { unique = true; } ] n = PgCreateIndex(unique)
    |
        n = PgCreateTrigger(false)
    |
        <OR> <REPLACE> n = PgCreateTrigger(true)
    |
        n = PgCreateSequenceOrView()
    |
        [
            [ <GLOBAL> | <LOCAL> ] ( <TEMPORARY> | <TEMP> ) { p = SqlPgCreateTable.Persistence.TEMPORARY; }
        |
            <UNLOGGED> { p = SqlPgCreateTable.Persistence.UNLOGGED; }
        ]
        n = PgCreateTable(p)
    )
    { return n; }
}

/**
 * After CREATE [OR REPLACE]: [CONSTRAINT] TRIGGER name {BEFORE | AFTER | INSTEAD OF} event [OR
 * event ...] ON table, then for a plain trigger [REFERENCING {OLD | NEW} TABLE [AS] name ...]
 * [FOR [EACH] {ROW | STATEMENT}], for a constraint trigger (AFTER only) [FROM table]
 * [[NOT] DEFERRABLE] [INITIALLY {DEFERRED | IMMEDIATE}] FOR EACH ROW; then [WHEN (condition)]
 * EXECUTE {FUNCTION | PROCEDURE} fn([string or number, ...]). As PostgreSQL's CreateTrigStmt.
 */
SqlNode PgCreateTrigger(boolean orReplace) :
{
    boolean constraint = false;
    final SqlIdentifier name;
    final String timing;
    final List<String> events = new ArrayList<String>();
    final List<SqlNodeList> updateColumns = new ArrayList<SqlNodeList>();
    final SqlIdentifier table;
    SqlIdentifier from = null;
    ConstraintTiming deferral = ConstraintTiming.NONE;
    final List<String> referencing = new ArrayList<String>();
    String which;
    SqlIdentifier rel;
    boolean row = false;
    SqlNode when = null;
    boolean procedure = false;
    final SqlIdentifier fn;
    final List<SqlNode> args = new ArrayList<SqlNode>();
    SqlNode a;
    final Span s = span();
    Span as;
}
{
    [ <CONSTRAINT> { constraint = true; } ]
    <TRIGGER> name = PgColId()
    (
        <BEFORE> { timing = "BEFORE"; }
    |
        <AFTER> { timing = "AFTER"; }
    |
        <INSTEAD> <OF> { timing = "INSTEAD OF"; }
    )
    {
        if (constraint && !timing.equals("AFTER")) {
            throw new PgSyntaxException("a constraint trigger must be AFTER", getPos());
        }
    }
    PgTriggerEvent(events, updateColumns)
    ( <OR> PgTriggerEvent(events, updateColumns) )*
    <ON> table = PgName()
    (
        LOOKAHEAD({ constraint })
        [ <FROM> from = PgName() ]
        (
            <NOT> <DEFERRABLE> { deferral = PgColumnChecks.merge(deferral, "NOT DEFERRABLE", getPos()); }
        |
            <DEFERRABLE> { deferral = PgColumnChecks.merge(deferral, "DEFERRABLE", getPos()); }
        |
            <INITIALLY>
            (
                <DEFERRED> { deferral = PgColumnChecks.merge(deferral, "INITIALLY DEFERRED", getPos()); }
            |
                <IMMEDIATE> { deferral = PgColumnChecks.merge(deferral, "INITIALLY IMMEDIATE", getPos()); }
            )
        )*
        <FOR> <EACH> <ROW> { row = true; }
    |
        [
            <REFERENCING>
            (
                ( <OLD> { which = "OLD"; } | <NEW> { which = "NEW"; } )
                <TABLE> [ <AS> ] rel = PgColId() {
                    referencing.add(which + " TABLE AS " + PgNames.quoteIfNeeded(rel.getSimple()));
                }
            )+
        ]
        [
            <FOR> [ <EACH> ]
            ( <ROW> { row = true; } | <STATEMENT> { row = false; } )
        ]
    )
    [ <WHEN> when = PgParenExpr() ]
    <EXECUTE> ( <FUNCTION> | <PROCEDURE> { procedure = true; } )
    fn = PgName()
    <LPAREN> { as = span(); }
    [
        a = PgTriggerArgument() { args.add(a); }
        ( <COMMA> a = PgTriggerArgument() { args.add(a); } )*
    ]
    <RPAREN>
    {
        return new SqlPgCreateTrigger(orReplace, constraint, name, timing, events,
            updateColumns.isEmpty() ? null : updateColumns.get(0), table, from, deferral,
            referencing, row, when, procedure, fn, new SqlNodeList(args, as.end(this)), s.end(this));
    }
}

/** INSERT | UPDATE [OF col, ...] | DELETE | TRUNCATE, each at most once. */
void PgTriggerEvent(List<String> events, List<SqlNodeList> updateColumns) :
{
    final String e;
    SqlIdentifier id;
    final List<SqlNode> cols = new ArrayList<SqlNode>();
    Span cs;
}
{
    (
        <INSERT> { e = "INSERT"; }
    |
        <UPDATE> { e = "UPDATE"; }
        [
            <OF> { cs = span(); }
            id = PgColId() { cols.add(id); }
            ( <COMMA> id = PgColId() { cols.add(id); } )*
            { updateColumns.add(new SqlNodeList(cols, cs.end(this))); }
        ]
    |
        <DELETE> { e = "DELETE"; }
    |
        <TRUNCATE> { e = "TRUNCATE"; }
    )
    {
        if (events.contains(e)) {
            throw new PgSyntaxException("duplicate trigger events specified", getPos());
        }
        events.add(e);
    }
}

/** A trigger function argument: a string or an unsigned number. */
SqlNode PgTriggerArgument() :
{
    final SqlNode a;
}
{
    (
        a = PgStringConst()
    |
        a = UnsignedNumericLiteral()
    )
    { return a; }
}

/**
 * COMMENT ON {TABLE | COLUMN | INDEX | VIEW | SEQUENCE | SCHEMA} name IS {'text' | NULL}, or
 * COMMENT ON CONSTRAINT c ON table IS ...
 */
SqlNode PgComment() :
{
    final SqlPgComment.ObjectType type;
    final SqlIdentifier name;
    SqlIdentifier table = null;
    SqlLiteral text = null;
    final Span s = span();
}
{
    <COMMENT> <ON>
    (
        <TABLE> name = PgName() { type = SqlPgComment.ObjectType.TABLE; }
    |
        <COLUMN> name = PgName() {
            if (name.names.size() < 2) {
                throw new PgSyntaxException("column name must be qualified", name.getParserPosition());
            }
            type = SqlPgComment.ObjectType.COLUMN;
        }
    |
        <INDEX> name = PgName() { type = SqlPgComment.ObjectType.INDEX; }
    |
        <VIEW> name = PgName() { type = SqlPgComment.ObjectType.VIEW; }
    |
        <SEQUENCE> name = PgName() { type = SqlPgComment.ObjectType.SEQUENCE; }
    |
        <SCHEMA> name = PgColId() { type = SqlPgComment.ObjectType.SCHEMA; }
    |
        <CONSTRAINT> name = PgColId() <ON> table = PgName() {
            type = SqlPgComment.ObjectType.CONSTRAINT;
        }
    )
    <IS>
    (
        text = PgStringConst()
    |
        <NULL>
    )
    { return new SqlPgComment(type, name, table, text, s.end(this)); }
}

/** After CREATE: SEQUENCE [IF NOT EXISTS] s (no options) | VIEW v AS SELECT * FROM t. */
SqlNode PgCreateSequenceOrView() :
{
    boolean ine = false;
    final SqlIdentifier name;
    SqlIdentifier target = null;
    final SqlPgObjectDdl.Type type;
    final Span s = span();
}
{
    (
        <SEQUENCE> [ LOOKAHEAD(3) ine = PgIfNotExists() ] name = PgName() {
            type = SqlPgObjectDdl.Type.CREATE_SEQUENCE;
        }
    |
        <VIEW> name = PgName() <AS> <SELECT> <STAR> <FROM> target = PgName() {
            type = SqlPgObjectDdl.Type.CREATE_VIEW;
        }
    )
    { return new SqlPgObjectDdl(type, ine, name, target, s.end(this)); }
}

SqlNode PgCreateIndex(boolean unique) :
{
    boolean concurrently = false;
    boolean ine = false;
    SqlIdentifier name = null;
    boolean only = false;
    final SqlIdentifier table;
    SqlIdentifier method = null;
    final SqlNodeList elems;
    SqlNodeList include = null;
    Boolean nullsDistinct = null;
    SqlNodeList with = null;
    SqlIdentifier tablespace = null;
    SqlNode where = null;
    final Span s = span();
}
{
    <INDEX>
    [ LOOKAHEAD(1) <CONCURRENTLY> { concurrently = true; } ]
    [
        LOOKAHEAD(3) ine = PgIfNotExists() name = PgColId()
    |
        name = PgColId()
    ]
    <ON>
    [ <ONLY> { only = true; } ]
    table = PgName()
    [ <USING> method = PgColId() ]
    elems = PgIndexElements(true, false)
    [ <INCLUDE> include = PgColIdList() ]
    [ nullsDistinct = PgNullsDistinct() ]
    [ <WITH> with = PgStorageParams(true) ]
    [ <TABLESPACE> tablespace = PgColId() ]
    [ <WHERE> where = PgExpr() ]
    {
        return new SqlPgCreateIndex(unique, concurrently, ine, name, only, table, method, elems,
            include, nullsDistinct, with, tablespace, where, s.end(this));
    }
}

SqlNode PgCreateTable(SqlPgCreateTable.Persistence persistence) :
{
    boolean ine = false;
    final SqlIdentifier name;
    final List<SqlNode> elements = new ArrayList<SqlNode>();
    SqlIdentifier partitionOf = null;
    SqlPgPartitionBound bound = null;
    SqlNodeList inherits = null;
    String strategy = null;
    SqlNodeList keys = null;
    SqlNodeList with = null;
    SqlIdentifier tablespace = null;
    SqlNode e;
    final Span s = span();
    Span es = null;
}
{
    <TABLE>
    [ LOOKAHEAD(3) ine = PgIfNotExists() ]
    name = PgName()
    (
        <LPAREN> { es = span(); }
        [
            e = PgTableElement() { elements.add(e); }
            ( <COMMA> e = PgTableElement() { elements.add(e); } )*
        ]
        <RPAREN>
        [ <INHERITS> <LPAREN> inherits = PgNameList() <RPAREN> ]
    |
        <PARTITION> <OF> partitionOf = PgName() { es = span(); }
        [
            <LPAREN>
            e = PgTableConstraint(true) { elements.add(e); }
            ( <COMMA> e = PgTableConstraint(true) { elements.add(e); } )*
            <RPAREN>
        ]
        bound = PgPartitionBound()
    )
    [
        <PARTITION> <BY>
        (
            <RANGE> { strategy = "range"; }
        |
            strategy = Identifier() {
                strategy = strategy.toLowerCase(java.util.Locale.ROOT);
                if (!strategy.equals("list") && !strategy.equals("hash")) {
                    throw new PgSyntaxException("unrecognized partitioning strategy", getPos());
                }
            }
        )
        keys = PgIndexElements(false, false)
    ]
    [ <WITH> with = PgStorageParams(true) ]
    [ <TABLESPACE> tablespace = PgColId() ]
    {
        return new SqlPgCreateTable(persistence, ine, name,
            new SqlNodeList(elements, es.end(this)), partitionOf, bound, inherits, strategy, keys,
            with, tablespace, s.end(this));
    }
}

SqlNode PgTableElement() :
{
    final SqlNode n;
    final SqlIdentifier source;
    final List<String> opts = new ArrayList<String>();
    String o;
    final Span s = span();
}
{
    (
        LOOKAHEAD(2) n = PgTableConstraint(true)
    |
        <LIKE> source = PgName()
        (
            ( <INCLUDING> { o = "INCLUDING "; } | <EXCLUDING> { o = "EXCLUDING "; } )
            (
                <ALL> { o += "ALL"; }
            |   o = PgLikeOption(o)
            )
            { opts.add(o); }
        )*
        { n = new SqlPgTableLike(source, opts, s.end(this)); }
    |
        n = PgColumnDef()
    )
    { return n; }
}

String PgLikeOption(String prefix) :
{
    final String w;
}
{
    (
        w = Identifier()
    |   <IDENTITY> { w = "identity"; }
    )
    {
        String u = w.toUpperCase(java.util.Locale.ROOT);
        if (!java.util.Set.of("COMMENTS", "COMPRESSION", "CONSTRAINTS", "DEFAULTS", "GENERATED",
                "IDENTITY", "INDEXES", "STATISTICS", "STORAGE").contains(u)) {
            throw new PgSyntaxException("unrecognized LIKE option " + w, getPos());
        }
        return prefix + u;
    }
}

/* ---------------------------------------------------------------- DROP, TRUNCATE */

SqlNode PgDrop() :
{
    boolean concurrently = false;
    boolean ifExists = false;
    final SqlNodeList names;
    final DropBehavior behavior;
    final SqlPgDrop.ObjectType type;
    final Span s = span();
}
{
    <DROP>
    (
        <TABLE> { type = SqlPgDrop.ObjectType.TABLE; }
    |
        <INDEX> { type = SqlPgDrop.ObjectType.INDEX; }
        [ LOOKAHEAD(1) <CONCURRENTLY> { concurrently = true; } ]
    |
        <SEQUENCE> { type = SqlPgDrop.ObjectType.SEQUENCE; }
    |
        <VIEW> { type = SqlPgDrop.ObjectType.VIEW; }
    )
    [ LOOKAHEAD(2) ifExists = PgIfExists() ]
    names = PgNameList()
    behavior = PgDropBehavior()
    { return new SqlPgDrop(type, concurrently, ifExists, names, behavior, s.end(this)); }
}

/** [ONLY] name [*] [(columns)] */
SqlPgRelation PgRelation(boolean columns) :
{
    boolean only = false;
    final SqlIdentifier name;
    boolean star = false;
    SqlNodeList cols = null;
    final Span s = span();
}
{
    [ <ONLY> { only = true; } ]
    name = PgName()
    [
        <STAR> {
            star = true;
            if (only) {
                throw new PgSyntaxException("ONLY and * cannot be combined", getPos());
            }
        }
    ]
    [
        cols = PgColIdList() {
            if (!columns) {
                throw new PgSyntaxException("column list not allowed here", getPos());
            }
        }
    ]
    { return new SqlPgRelation(only, name, star, cols, s.end(this)); }
}

SqlNode PgTruncate() :
{
    final List<SqlNode> tables = new ArrayList<SqlNode>();
    SqlNode t;
    Boolean restart = null;
    final DropBehavior behavior;
    final Span s = span();
    final Span ts;
}
{
    <TRUNCATE> [ <TABLE> ] { ts = span(); }
    t = PgRelation(false) { tables.add(t); }
    ( <COMMA> t = PgRelation(false) { tables.add(t); } )*
    [
        <RESTART> <IDENTITY> { restart = true; }
    |
        <CONTINUE> <IDENTITY> { restart = false; }
    ]
    behavior = PgDropBehavior()
    {
        return new SqlPgTruncate(new SqlNodeList(tables, ts.end(this)), restart, behavior, s.end(this));
    }
}

/* ---------------------------------------------------------------- maintenance */

SqlNode PgReindex() :
{
    SqlNodeList opts = SqlNodeList.EMPTY;
    boolean paren = false;
    final String target;
    boolean concurrently = false;
    SqlIdentifier name = null;
    final Span s = span();
}
{
    <REINDEX>
    [ opts = PgUtilityOptions("REINDEX") { paren = true; } ]
    (
        <INDEX> { target = "INDEX"; }
    |   <TABLE> { target = "TABLE"; }
    |   <SCHEMA> { target = "SCHEMA"; }
    |   <DATABASE> { target = "DATABASE"; }
    |   <SYSTEM> { target = "SYSTEM"; }
    )
    [ LOOKAHEAD(1) <CONCURRENTLY> { concurrently = true; } ]
    [ name = PgName() ]
    {
        if (name == null && !target.equals("DATABASE") && !target.equals("SYSTEM")) {
            throw new PgSyntaxException("REINDEX " + target + " needs a name", s.end(this));
        }
        if (concurrently && target.equals("SYSTEM")) {
            throw new PgSyntaxException("REINDEX SYSTEM cannot be CONCURRENTLY", s.end(this));
        }
        final List<SqlNode> rel = new ArrayList<SqlNode>();
        if (name != null) {
            rel.add(name);
        }
        return new SqlPgMaintenance(SqlPgMaintenance.Command.REINDEX, opts, paren, target,
            concurrently, new SqlNodeList(rel, s.end(this)), null, s.end(this));
    }
}

SqlNode PgVacuum() :
{
    SqlNodeList opts = null;
    final List<SqlNode> legacy = new ArrayList<SqlNode>();
    final List<SqlNode> rels = new ArrayList<SqlNode>();
    SqlNode r;
    final Span s = span();
}
{
    <VACUUM>
    (
        opts = PgUtilityOptions("VACUUM")
    |
        [ LOOKAHEAD(1) <FULL> { legacy.add(new SqlPgOption("full", null, SqlPgOption.Style.SPACE, getPos())); } ]
        [ LOOKAHEAD(1) <FREEZE> { legacy.add(new SqlPgOption("freeze", null, SqlPgOption.Style.SPACE, getPos())); } ]
        [ LOOKAHEAD(1) <VERBOSE> { legacy.add(new SqlPgOption("verbose", null, SqlPgOption.Style.SPACE, getPos())); } ]
        [ LOOKAHEAD(1) <ANALYZE> { legacy.add(new SqlPgOption("analyze", null, SqlPgOption.Style.SPACE, getPos())); } ]
    )
    [
        r = PgRelation(true) { rels.add(r); }
        ( <COMMA> r = PgRelation(true) { rels.add(r); } )*
    ]
    {
        for (SqlNode rel : rels) {
            if (((SqlPgRelation) rel).only() || ((SqlPgRelation) rel).star()) {
                throw new PgSyntaxException("ONLY is not allowed in VACUUM", rel.getParserPosition());
            }
        }
        boolean paren = opts != null;
        return new SqlPgMaintenance(SqlPgMaintenance.Command.VACUUM,
            paren ? opts : new SqlNodeList(legacy, s.end(this)), paren, null, false,
            new SqlNodeList(rels, s.end(this)), null, s.end(this));
    }
}

SqlNode PgCluster() :
{
    SqlNodeList opts = null;
    final List<SqlNode> legacy = new ArrayList<SqlNode>();
    final List<SqlNode> rels = new ArrayList<SqlNode>();
    SqlNode r;
    SqlIdentifier index = null;
    final Span s = span();
}
{
    <CLUSTER>
    (
        opts = PgUtilityOptions("CLUSTER")
    |
        [ LOOKAHEAD(1) <VERBOSE> { legacy.add(new SqlPgOption("verbose", null, SqlPgOption.Style.SPACE, getPos())); } ]
    )
    [
        r = PgRelation(false) { rels.add(r); }
        [ <USING> index = PgColId() ]
    ]
    {
        if (!rels.isEmpty() && (((SqlPgRelation) rels.get(0)).only() || ((SqlPgRelation) rels.get(0)).star())) {
            throw new PgSyntaxException("ONLY is not allowed in CLUSTER", rels.get(0).getParserPosition());
        }
        boolean paren = opts != null;
        return new SqlPgMaintenance(SqlPgMaintenance.Command.CLUSTER,
            paren ? opts : new SqlNodeList(legacy, s.end(this)), paren, null, false,
            new SqlNodeList(rels, s.end(this)), index, s.end(this));
    }
}
