package dev.drawbridge.policy.ddl.node;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;

/**
 * A PostgreSQL cast, {@code operand::type} (also what {@code CAST(x AS t)} and typed literals such
 * as {@code interval '1 day'} become). Kind {@link SqlKind#CAST}; operand 0 is the expression,
 * operand 1 a {@link SqlDataTypeSpec} holding a {@link PgTypeNameSpec}. Written back as {@code
 * operand::type}, with the operand parenthesized unless it is a name or a non-negative literal.
 */
public final class PgCastOperator extends SqlSpecialOperator {
  public static final PgCastOperator INSTANCE = new PgCastOperator();

  private PgCastOperator() {
    super("::", SqlKind.CAST, 94);
  }

  @Override
  public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
    SqlNode operand = call.operand(0);
    boolean bare =
        operand instanceof SqlIdentifier
            || (operand instanceof SqlLiteral
                && !(operand instanceof SqlNumericLiteral num && num.signum() < 0));
    if (bare) {
      operand.unparse(writer, 0, 0);
    } else {
      SqlWriter.Frame frame = writer.startList("(", ")");
      operand.unparse(writer, 0, 0);
      writer.endList(frame);
    }
    writer.setNeedWhitespace(false);
    writer.print("::");
    writer.setNeedWhitespace(false);
    ((SqlDataTypeSpec) call.operand(1)).getTypeNameSpec().unparse(writer, 0, 0);
  }
}
