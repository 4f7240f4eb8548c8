package dev.dualwrite.jdbc;

import dev.dualwrite.core.rewrite.ParameterMap;
import dev.dualwrite.core.rewrite.Plan;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;

/**
 * The parameters an application binds to one prepared statement, on their way to the driver's statement. Each setter
 * records the value ({@link Bindings}) and binds it where the plan's parameter map says: an application index may go
 * to several physical indexes (a mirrored value) or to none (a dropped column). With an identity map the common scalar
 * setters are one recorded store plus the driver's own setter at the same index, small enough for the JIT to inline,
 * rather than a trip through {@link Bindings#apply}'s switch over every kind. Batched rows are kept as copies, and
 * everything is bound again on a statement prepared again ({@link #rebind}).
 *
 * <p>The generated statement classes send the {@code PreparedStatement} methods declared here (the positional
 * setters, {@code clearParameters}, {@code getParameterMetaData}) to this object.
 */
final class Parameters {
    /** The driver's statement the values go to. */
    private PreparedStatement target;
    /** Null when the plan's parameter map is the identity. */
    private ParameterMap map;
    /** How much of a stream parameter to keep for a later binding ({@link Recorded}). */
    private int keep;
    private final Bindings current = new Bindings();
    private List<Bindings> batchRows;

    Parameters(PreparedStatement target, Plan plan) {
        retarget(target, plan);
    }

    /** From now on the values go to {@code target}, prepared with {@code plan}'s text. */
    void retarget(PreparedStatement target, Plan plan) {
        this.target = target;
        this.map = plan.parameters().isIdentity() ? null : plan.parameters();
        this.keep = keep(plan);
    }

    /**
     * A statement that names a window column is the one a phase change prepares again, with its parameters bound
     * again: its streams are kept (up to a bound) so that the second binding has their content.
     */
    private static int keep(Plan plan) {
        return plan.isRewritten() || !plan.uses().isEmpty() ? Recorded.KEEP : Recorded.NOTHING;
    }

    /** Whether the parameters go to the same indexes in the driver's statement. */
    boolean identity() {
        return map == null;
    }

    /** The application's stream as the driver is to read it: through a cursor that keeps what it reads. */
    Recorded.Bytes bytes(InputStream x) {
        return x == null ? null : new Recorded.Bytes(x, keep);
    }

    /** The application's reader as the driver is to read it: through a cursor that keeps what it reads. */
    Recorded.Chars chars(Reader x) {
        return x == null ? null : new Recorded.Chars(x, keep);
    }

    /** Records a parameter of a callable statement set by name (the caller bound it). */
    void setByName(String name, Bindings.ByName binding) {
        current.setByName(name, binding);
    }

    /** Whether a parameter was set by name, now or in a batched row. */
    boolean anyByName() {
        if (current.hasByName()) {
            return true;
        }
        if (batchRows != null) {
            for (Bindings row : batchRows) {
                if (row.hasByName()) {
                    return true;
                }
            }
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------------ batches

    /** The driver added a row to its batch: the current values are kept as that row. */
    void batched() {
        if (batchRows == null) {
            batchRows = new ArrayList<>();
        }
        batchRows.add(current.copy());
    }

    /**
     * The batch ran, failed or was cleared: its rows are forgotten.
     *
     * @return how many rows it had
     */
    int endBatch() {
        int rows = batchRows == null ? 0 : batchRows.size();
        batchRows = null;
        return rows;
    }

    /**
     * Binds every batched row and the current values again on {@code replacement}, the statement prepared again
     * (already {@link #retarget targeted}). A batch that cannot be bound whole is dropped from both, as a failed
     * {@code executeBatch} leaves none, rather than run in part.
     */
    void rebind(PreparedStatement replacement) throws SQLException {
        Bindings.Targets targets = i -> map == null ? new int[] {i} : physical(i);
        try {
            if (batchRows != null) {
                for (Bindings row : batchRows) {
                    row.replay(replacement, targets);
                    replacement.addBatch();
                }
            }
            current.replay(replacement, targets);
        } catch (SQLException | RuntimeException e) {
            if (batchRows != null) {
                batchRows = null;
                try {
                    replacement.clearBatch();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    // ------------------------------------------------------------------------------------------------ binding

    private int[] physical(int index) throws SQLException {
        if (index < 1 || index > map.applicationCount()) {
            throw new SQLException("parameter index " + index + " is out of range; the statement has "
                    + map.applicationCount() + " parameters", "22023");
        }
        return map.physical(index);
    }

    /**
     * Records a binding and, when the parameter map is not the identity, binds it where the map says. Returns true
     * when the caller must still bind it to the driver statement at the same index.
     */
    private boolean record(int index, byte kind, Object value, long number, Object extra) throws SQLException {
        if (index < 1) {
            throw new SQLException("parameter index " + index + " is out of range", "22023");
        }
        current.set(index, kind, value, number, extra);
        if (map == null) {
            return true;
        }
        current.bindTo(target, index, physical(index));
        return false;
    }

    private void bind(int index, byte kind, Object value, long number, Object extra) throws SQLException {
        if (record(index, kind, value, number, extra)) {
            Bindings.apply(target, index, kind, value, number, extra);
        }
    }

    void clearParameters() throws SQLException {
        current.clear();
        target.clearParameters();
    }

    /** In the application's numbering. */
    ParameterMetaData getParameterMetaData() throws SQLException {
        ParameterMetaData md = target.getParameterMetaData();
        return map == null ? md : new MappedParameterMetaData(md, map);
    }

    // ------------------------------------------------------------------------------------------------ setters

    void setNull(int i, int sqlType) throws SQLException {
        if (record(i, Bindings.NULL, null, sqlType, null)) {
            target.setNull(i, sqlType);
        }
    }

    void setNull(int i, int sqlType, String typeName) throws SQLException {
        bind(i, Bindings.NULL_TYPE_NAME, null, sqlType, typeName);
    }

    void setBoolean(int i, boolean x) throws SQLException {
        if (record(i, Bindings.BOOLEAN, null, x ? 1 : 0, null)) {
            target.setBoolean(i, x);
        }
    }

    void setByte(int i, byte x) throws SQLException {
        if (record(i, Bindings.BYTE, null, x, null)) {
            target.setByte(i, x);
        }
    }

    void setShort(int i, short x) throws SQLException {
        if (record(i, Bindings.SHORT, null, x, null)) {
            target.setShort(i, x);
        }
    }

    void setInt(int i, int x) throws SQLException {
        if (record(i, Bindings.INT, null, x, null)) {
            target.setInt(i, x);
        }
    }

    void setLong(int i, long x) throws SQLException {
        if (record(i, Bindings.LONG, null, x, null)) {
            target.setLong(i, x);
        }
    }

    void setFloat(int i, float x) throws SQLException {
        if (record(i, Bindings.FLOAT, null, Float.floatToRawIntBits(x), null)) {
            target.setFloat(i, x);
        }
    }

    void setDouble(int i, double x) throws SQLException {
        if (record(i, Bindings.DOUBLE, null, Double.doubleToRawLongBits(x), null)) {
            target.setDouble(i, x);
        }
    }

    void setBigDecimal(int i, BigDecimal x) throws SQLException {
        if (record(i, Bindings.BIG_DECIMAL, x, 0, null)) {
            target.setBigDecimal(i, x);
        }
    }

    void setString(int i, String x) throws SQLException {
        if (record(i, Bindings.STRING, x, 0, null)) {
            target.setString(i, x);
        }
    }

    void setBytes(int i, byte[] x) throws SQLException {
        if (record(i, Bindings.BYTES, x, 0, null)) {
            target.setBytes(i, x);
        }
    }

    void setDate(int i, Date x) throws SQLException {
        if (record(i, Bindings.DATE, x, 0, null)) {
            target.setDate(i, x);
        }
    }

    void setDate(int i, Date x, Calendar cal) throws SQLException {
        bind(i, Bindings.DATE_CALENDAR, x, 0, cal);
    }

    void setTime(int i, Time x) throws SQLException {
        if (record(i, Bindings.TIME, x, 0, null)) {
            target.setTime(i, x);
        }
    }

    void setTime(int i, Time x, Calendar cal) throws SQLException {
        bind(i, Bindings.TIME_CALENDAR, x, 0, cal);
    }

    void setTimestamp(int i, Timestamp x) throws SQLException {
        if (record(i, Bindings.TIMESTAMP, x, 0, null)) {
            target.setTimestamp(i, x);
        }
    }

    void setTimestamp(int i, Timestamp x, Calendar cal) throws SQLException {
        bind(i, Bindings.TIMESTAMP_CALENDAR, x, 0, cal);
    }

    void setAsciiStream(int i, InputStream x, int length) throws SQLException {
        bind(i, Bindings.ASCII_STREAM_INT, bytes(x), length, null);
    }

    void setAsciiStream(int i, InputStream x, long length) throws SQLException {
        bind(i, Bindings.ASCII_STREAM_LENGTH, bytes(x), length, null);
    }

    void setAsciiStream(int i, InputStream x) throws SQLException {
        bind(i, Bindings.ASCII_STREAM, bytes(x), 0, null);
    }

    @Deprecated
    void setUnicodeStream(int i, InputStream x, int length) throws SQLException {
        bind(i, Bindings.UNICODE_STREAM, bytes(x), length, null);
    }

    void setBinaryStream(int i, InputStream x, int length) throws SQLException {
        bind(i, Bindings.BINARY_STREAM_INT, bytes(x), length, null);
    }

    void setBinaryStream(int i, InputStream x, long length) throws SQLException {
        bind(i, Bindings.BINARY_STREAM_LENGTH, bytes(x), length, null);
    }

    void setBinaryStream(int i, InputStream x) throws SQLException {
        bind(i, Bindings.BINARY_STREAM, bytes(x), 0, null);
    }

    void setObject(int i, Object x) throws SQLException {
        if (record(i, Bindings.OBJECT, x, 0, null)) {
            target.setObject(i, x);
        }
    }

    void setObject(int i, Object x, int targetSqlType) throws SQLException {
        bind(i, Bindings.OBJECT_TYPE, x, targetSqlType, null);
    }

    void setObject(int i, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
        bind(i, Bindings.OBJECT_TYPE_SCALE, x, targetSqlType, scaleOrLength);
    }

    void setObject(int i, Object x, SQLType targetSqlType) throws SQLException {
        bind(i, Bindings.OBJECT_SQL_TYPE, x, 0, targetSqlType);
    }

    void setObject(int i, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
        bind(i, Bindings.OBJECT_SQL_TYPE_SCALE, x, scaleOrLength, targetSqlType);
    }

    void setCharacterStream(int i, Reader x, int length) throws SQLException {
        bind(i, Bindings.CHARACTER_STREAM_INT, chars(x), length, null);
    }

    void setCharacterStream(int i, Reader x, long length) throws SQLException {
        bind(i, Bindings.CHARACTER_STREAM_LENGTH, chars(x), length, null);
    }

    void setCharacterStream(int i, Reader x) throws SQLException {
        bind(i, Bindings.CHARACTER_STREAM, chars(x), 0, null);
    }

    void setRef(int i, Ref x) throws SQLException {
        bind(i, Bindings.REF, x, 0, null);
    }

    void setBlob(int i, Blob x) throws SQLException {
        bind(i, Bindings.BLOB, x, 0, null);
    }

    void setBlob(int i, InputStream x, long length) throws SQLException {
        bind(i, Bindings.BLOB_STREAM_LENGTH, bytes(x), length, null);
    }

    void setBlob(int i, InputStream x) throws SQLException {
        bind(i, Bindings.BLOB_STREAM, bytes(x), 0, null);
    }

    void setClob(int i, Clob x) throws SQLException {
        bind(i, Bindings.CLOB, x, 0, null);
    }

    void setClob(int i, Reader x, long length) throws SQLException {
        bind(i, Bindings.CLOB_READER_LENGTH, chars(x), length, null);
    }

    void setClob(int i, Reader x) throws SQLException {
        bind(i, Bindings.CLOB_READER, chars(x), 0, null);
    }

    void setArray(int i, Array x) throws SQLException {
        bind(i, Bindings.ARRAY, x, 0, null);
    }

    void setURL(int i, URL x) throws SQLException {
        bind(i, Bindings.URL_VALUE, x, 0, null);
    }

    void setRowId(int i, RowId x) throws SQLException {
        bind(i, Bindings.ROW_ID, x, 0, null);
    }

    void setNString(int i, String x) throws SQLException {
        bind(i, Bindings.NSTRING, x, 0, null);
    }

    void setNCharacterStream(int i, Reader x, long length) throws SQLException {
        bind(i, Bindings.NCHARACTER_STREAM_LENGTH, chars(x), length, null);
    }

    void setNCharacterStream(int i, Reader x) throws SQLException {
        bind(i, Bindings.NCHARACTER_STREAM, chars(x), 0, null);
    }

    void setNClob(int i, NClob x) throws SQLException {
        bind(i, Bindings.NCLOB, x, 0, null);
    }

    void setNClob(int i, Reader x, long length) throws SQLException {
        bind(i, Bindings.NCLOB_READER_LENGTH, chars(x), length, null);
    }

    void setNClob(int i, Reader x) throws SQLException {
        bind(i, Bindings.NCLOB_READER, chars(x), 0, null);
    }

    void setSQLXML(int i, SQLXML x) throws SQLException {
        bind(i, Bindings.SQLXML_VALUE, x, 0, null);
    }
}
