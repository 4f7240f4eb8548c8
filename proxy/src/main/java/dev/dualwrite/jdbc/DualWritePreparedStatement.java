package dev.dualwrite.jdbc;

import dev.dualwrite.core.rewrite.ParameterMap;
import dev.dualwrite.core.rewrite.Plan;
import dev.dualwrite.core.sql.SchemaChanges;
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
import java.sql.ResultSet;
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
 * A prepared statement whose physical text is the plan's rewrite, and whose parameters are bound through the plan's
 * parameter map: an application index may go to several physical indexes (a mirrored value) or to none (a dropped
 * column). With an identity map a setter is one recorded store plus the driver's own call.
 *
 * <p>Every execution first checks that the plan is still current. After a configuration change the statement is
 * prepared again with the new rewrite and every recorded parameter (and batched row) is bound again, so that a
 * statement prepared before a phase change never runs with the old rewrite.
 */
class DualWritePreparedStatement extends DelegatingPreparedStatement {
    private final String sql;
    private final Preparation preparation;
    private final boolean schemaChange;
    final Bindings bindings = new Bindings();
    private List<Bindings> batchRows;
    private Plan plan;
    /** Null when the plan's parameter map is the identity. */
    private ParameterMap map;
    /** How much of a stream parameter to keep for a later binding ({@link Recorded}). */
    private int keep;

    private Integer fetchSize;
    private Integer fetchDirection;
    private Integer maxRows;
    private Long largeMaxRows;
    private Integer maxFieldSize;
    private Integer queryTimeout;
    private Boolean escapeProcessing;
    private Boolean poolable;
    private boolean closeOnCompletion;
    private String cursorName;

    DualWritePreparedStatement(DualWriteConnection connection, String sql, Plan plan, PreparedStatement delegate,
            Preparation preparation) throws SQLException {
        super(connection, delegate);
        this.sql = sql;
        this.plan = plan;
        this.preparation = preparation;
        this.map = plan.parameters().isIdentity() ? null : plan.parameters();
        this.keep = keep(plan);
        this.schemaChange = SchemaChanges.isSchemaChange(sql);
    }

    /** The application's text. */
    String applicationSql() {
        return sql;
    }

    /** Replaces the driver statement; subclasses that keep a typed reference override and call this. */
    void delegate(PreparedStatement replacement) {
        this.statement = replacement;
        this.preparedStatement = replacement;
    }

    /**
     * A statement that names a window column is the one a phase change prepares again, with its parameters bound
     * again: its streams are kept (up to a bound) so that the second binding has their content.
     */
    private static int keep(Plan plan) {
        return plan.isRewritten() || !plan.uses().isEmpty() ? Recorded.KEEP : Recorded.NOTHING;
    }

    /** The application's stream as the driver is to read it: through a cursor that keeps what it reads. */
    Recorded.Bytes bytes(InputStream x) {
        return x == null ? null : new Recorded.Bytes(x, keep);
    }

    /** The application's reader as the driver is to read it: through a cursor that keeps what it reads. */
    Recorded.Chars chars(Reader x) {
        return x == null ? null : new Recorded.Chars(x, keep);
    }

    /** Whether a parameter was set by name, now or in a batched row. */
    boolean hasParametersByName() {
        if (bindings.hasByName()) {
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

    boolean hasIdentityMap() {
        return map == null;
    }

    private int[] physical(int index) throws SQLException {
        if (index < 1 || index > map.applicationCount()) {
            throw new SQLException("parameter index " + index + " is out of range; the statement has "
                    + map.applicationCount() + " parameters", "22023");
        }
        return map.physical(index);
    }

    /**
     * Records a binding and, when the parameter map is not the identity, binds it where the map says. Returns true
     * when the caller must still bind it to the driver statement at the same index: the common scalar setters then
     * call the driver's own setter directly, which keeps them small enough for the JIT to inline, rather than going
     * through {@link Bindings#apply}'s switch over every kind.
     */
    private boolean record(int index, byte kind, Object value, long number, Object extra) throws SQLException {
        if (index < 1) {
            throw new SQLException("parameter index " + index + " is out of range", "22023");
        }
        bindings.set(index, kind, value, number, extra);
        if (map == null) {
            return true;
        }
        bindings.bindTo(preparedStatement, index, physical(index));
        return false;
    }

    private void bind(int index, byte kind, Object value, long number, Object extra) throws SQLException {
        if (record(index, kind, value, number, extra)) {
            Bindings.apply(preparedStatement, index, kind, value, number, extra);
        }
    }

    /**
     * Makes sure the driver statement carries the current rewrite: after a configuration change (or, for a statement
     * whose rewrite used the catalog, a schema change) it is re-planned, and prepared again if the text or the
     * parameter map moved.
     */
    private void ensureCurrent() throws SQLException {
        if (!connection.database.engine.isCurrent(plan, connection.catalog)) {
            replan();
        }
    }

    /** The slow path of {@link #ensureCurrent()}, apart so that the check itself stays small enough to inline. */
    private void replan() throws SQLException {
        replan(connection.database.plan(sql, connection.catalog));
    }

    /** Takes {@code next} as the statement's plan, preparing the statement again if its text or parameters moved. */
    private void replan(Plan next) throws SQLException {
        ParameterMap nextMap = next.parameters().isIdentity() ? null : next.parameters();
        if (plan.physicalSql(sql).equals(next.physicalSql(sql)) && java.util.Objects.equals(map, nextMap)) {
            this.plan = next;
            this.keep = keep(next);
            return;
        }
        beforeRebind(nextMap);
        DualWriteConnection.Prepared prepared = connection.prepare(sql, next, preparation);
        next = prepared.plan();
        PreparedStatement replacement = prepared.statement();
        applySettings(replacement);
        PreparedStatement old = preparedStatement;
        delegate(replacement);
        this.map = next.parameters().isIdentity() ? null : next.parameters();
        this.plan = next;
        this.keep = keep(next);
        try {
            old.close();
        } catch (SQLException ignored) {
            // The old statement is discarded; a failure to close it changes nothing for the application.
        }
        try {
            rebind(replacement);
        } catch (SQLException | RuntimeException e) {
            // A batch bound in part must not run: it is dropped, as a failed executeBatch leaves none.
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

    /**
     * An execution failed: when the failure says the catalog's column lists were stale and the statement may run again
     * ({@link DualWriteConnection#planAgainAfter}), prepares it again with fresh ones and returns; else throws it.
     */
    private void recover(SQLException failure) throws SQLException {
        Plan next = connection.planAgainAfter(failure, plan, sql);
        if (next == null) {
            throw failure;
        }
        try {
            replan(next);
        } catch (SQLException again) {
            again.addSuppressed(failure);
            throw again;
        }
    }

    /**
     * Called before the statement is prepared again with parameter map {@code nextMap} (null: the identity); throws
     * when what the application registered cannot be carried over to it.
     */
    void beforeRebind(ParameterMap nextMap) throws SQLException {
    }

    /** Binds every batched row and the current parameters again on the statement prepared again. */
    void rebind(PreparedStatement replacement) throws SQLException {
        Bindings.Targets targets = i -> map == null ? new int[] {i} : physical(i);
        if (batchRows != null) {
            for (Bindings row : batchRows) {
                row.replay(replacement, targets);
                replacement.addBatch();
            }
        }
        bindings.replay(replacement, targets);
    }

    private void applySettings(PreparedStatement ps) throws SQLException {
        if (fetchSize != null) {
            ps.setFetchSize(fetchSize);
        }
        if (fetchDirection != null) {
            ps.setFetchDirection(fetchDirection);
        }
        if (maxRows != null) {
            ps.setMaxRows(maxRows);
        }
        if (largeMaxRows != null) {
            ps.setLargeMaxRows(largeMaxRows);
        }
        if (maxFieldSize != null) {
            ps.setMaxFieldSize(maxFieldSize);
        }
        if (queryTimeout != null) {
            ps.setQueryTimeout(queryTimeout);
        }
        if (escapeProcessing != null) {
            ps.setEscapeProcessing(escapeProcessing);
        }
        if (poolable != null) {
            ps.setPoolable(poolable);
        }
        if (closeOnCompletion) {
            ps.closeOnCompletion();
        }
        if (cursorName != null) {
            ps.setCursorName(cursorName);
        }
    }

    private void executed() {
        plan.recordExecution();
        if (schemaChange) {
            connection.schemaChanged();
        }
    }

    // ------------------------------------------------------------------------------------------------ execution

    @Override
    public ResultSet executeQuery() throws SQLException {
        ensureCurrent();
        ResultSet rs;
        try {
            rs = preparedStatement.executeQuery();
        } catch (SQLException failure) {
            recover(failure);
            rs = preparedStatement.executeQuery();
        }
        executed();
        return DualWriteResultSet.wrap(this, rs);
    }

    @Override
    public int executeUpdate() throws SQLException {
        ensureCurrent();
        int n;
        try {
            n = preparedStatement.executeUpdate();
        } catch (SQLException failure) {
            recover(failure);
            n = preparedStatement.executeUpdate();
        }
        executed();
        return n;
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        ensureCurrent();
        long n;
        try {
            n = preparedStatement.executeLargeUpdate();
        } catch (SQLException failure) {
            recover(failure);
            n = preparedStatement.executeLargeUpdate();
        }
        executed();
        return n;
    }

    @Override
    public boolean execute() throws SQLException {
        ensureCurrent();
        boolean r;
        try {
            r = preparedStatement.execute();
        } catch (SQLException failure) {
            recover(failure);
            r = preparedStatement.execute();
        }
        executed();
        return r;
    }

    @Override
    public void addBatch() throws SQLException {
        ensureCurrent();
        preparedStatement.addBatch();
        if (batchRows == null) {
            batchRows = new ArrayList<>();
        }
        batchRows.add(bindings.copy());
    }

    @Override
    public void clearBatch() throws SQLException {
        preparedStatement.clearBatch();
        batchRows = null;
    }

    @Override
    public int[] executeBatch() throws SQLException {
        ensureCurrent();
        try {
            return preparedStatement.executeBatch();
        } catch (SQLException failure) {
            // Not run again (a part of the batch may have run); stale column lists are dropped for the next one.
            connection.staleCatalog(failure, plan);
            throw failure;
        } finally {
            batchExecuted();
        }
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        ensureCurrent();
        try {
            return preparedStatement.executeLargeBatch();
        } catch (SQLException failure) {
            connection.staleCatalog(failure, plan);
            throw failure;
        } finally {
            batchExecuted();
        }
    }

    private void batchExecuted() {
        int rows = batchRows == null ? 0 : batchRows.size();
        for (int i = 0; i < rows; i++) {
            plan.recordExecution();
        }
        batchRows = null;
        if (schemaChange) {
            connection.schemaChanged();
        }
    }

    @Override
    public void clearParameters() throws SQLException {
        bindings.clear();
        preparedStatement.clearParameters();
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        ParameterMetaData md = preparedStatement.getParameterMetaData();
        return map == null ? md : new MappedParameterMetaData(md, map);
    }

    // ------------------------------------------------------------------------------------------------ settings

    @Override
    public void setFetchSize(int rows) throws SQLException {
        preparedStatement.setFetchSize(rows);
        fetchSize = rows;
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        preparedStatement.setFetchDirection(direction);
        fetchDirection = direction;
    }

    @Override
    public void setMaxRows(int max) throws SQLException {
        preparedStatement.setMaxRows(max);
        maxRows = max;
    }

    @Override
    public void setLargeMaxRows(long max) throws SQLException {
        preparedStatement.setLargeMaxRows(max);
        largeMaxRows = max;
    }

    @Override
    public void setMaxFieldSize(int max) throws SQLException {
        preparedStatement.setMaxFieldSize(max);
        maxFieldSize = max;
    }

    @Override
    public void setQueryTimeout(int seconds) throws SQLException {
        preparedStatement.setQueryTimeout(seconds);
        queryTimeout = seconds;
    }

    @Override
    public void setEscapeProcessing(boolean enable) throws SQLException {
        preparedStatement.setEscapeProcessing(enable);
        escapeProcessing = enable;
    }

    @Override
    public void setPoolable(boolean value) throws SQLException {
        preparedStatement.setPoolable(value);
        poolable = value;
    }

    @Override
    public void closeOnCompletion() throws SQLException {
        preparedStatement.closeOnCompletion();
        closeOnCompletion = true;
    }

    @Override
    public void setCursorName(String name) throws SQLException {
        preparedStatement.setCursorName(name);
        cursorName = name;
    }

    // ------------------------------------------------------------------------------------------------ parameters

    @Override
    public void setNull(int i, int sqlType) throws SQLException {
        if (record(i, Bindings.NULL, null, sqlType, null)) {
            preparedStatement.setNull(i, sqlType);
        }
    }

    @Override
    public void setNull(int i, int sqlType, String typeName) throws SQLException {
        bind(i, Bindings.NULL_TYPE_NAME, null, sqlType, typeName);
    }

    @Override
    public void setBoolean(int i, boolean x) throws SQLException {
        if (record(i, Bindings.BOOLEAN, null, x ? 1 : 0, null)) {
            preparedStatement.setBoolean(i, x);
        }
    }

    @Override
    public void setByte(int i, byte x) throws SQLException {
        if (record(i, Bindings.BYTE, null, x, null)) {
            preparedStatement.setByte(i, x);
        }
    }

    @Override
    public void setShort(int i, short x) throws SQLException {
        if (record(i, Bindings.SHORT, null, x, null)) {
            preparedStatement.setShort(i, x);
        }
    }

    @Override
    public void setInt(int i, int x) throws SQLException {
        if (record(i, Bindings.INT, null, x, null)) {
            preparedStatement.setInt(i, x);
        }
    }

    @Override
    public void setLong(int i, long x) throws SQLException {
        if (record(i, Bindings.LONG, null, x, null)) {
            preparedStatement.setLong(i, x);
        }
    }

    @Override
    public void setFloat(int i, float x) throws SQLException {
        if (record(i, Bindings.FLOAT, null, Float.floatToRawIntBits(x), null)) {
            preparedStatement.setFloat(i, x);
        }
    }

    @Override
    public void setDouble(int i, double x) throws SQLException {
        if (record(i, Bindings.DOUBLE, null, Double.doubleToRawLongBits(x), null)) {
            preparedStatement.setDouble(i, x);
        }
    }

    @Override
    public void setBigDecimal(int i, BigDecimal x) throws SQLException {
        if (record(i, Bindings.BIG_DECIMAL, x, 0, null)) {
            preparedStatement.setBigDecimal(i, x);
        }
    }

    @Override
    public void setString(int i, String x) throws SQLException {
        if (record(i, Bindings.STRING, x, 0, null)) {
            preparedStatement.setString(i, x);
        }
    }

    @Override
    public void setBytes(int i, byte[] x) throws SQLException {
        if (record(i, Bindings.BYTES, x, 0, null)) {
            preparedStatement.setBytes(i, x);
        }
    }

    @Override
    public void setDate(int i, Date x) throws SQLException {
        if (record(i, Bindings.DATE, x, 0, null)) {
            preparedStatement.setDate(i, x);
        }
    }

    @Override
    public void setDate(int i, Date x, Calendar cal) throws SQLException {
        bind(i, Bindings.DATE_CALENDAR, x, 0, cal);
    }

    @Override
    public void setTime(int i, Time x) throws SQLException {
        if (record(i, Bindings.TIME, x, 0, null)) {
            preparedStatement.setTime(i, x);
        }
    }

    @Override
    public void setTime(int i, Time x, Calendar cal) throws SQLException {
        bind(i, Bindings.TIME_CALENDAR, x, 0, cal);
    }

    @Override
    public void setTimestamp(int i, Timestamp x) throws SQLException {
        if (record(i, Bindings.TIMESTAMP, x, 0, null)) {
            preparedStatement.setTimestamp(i, x);
        }
    }

    @Override
    public void setTimestamp(int i, Timestamp x, Calendar cal) throws SQLException {
        bind(i, Bindings.TIMESTAMP_CALENDAR, x, 0, cal);
    }

    @Override
    public void setAsciiStream(int i, InputStream x, int length) throws SQLException {
        bind(i, Bindings.ASCII_STREAM_INT, bytes(x), length, null);
    }

    @Override
    public void setAsciiStream(int i, InputStream x, long length) throws SQLException {
        bind(i, Bindings.ASCII_STREAM_LENGTH, bytes(x), length, null);
    }

    @Override
    public void setAsciiStream(int i, InputStream x) throws SQLException {
        bind(i, Bindings.ASCII_STREAM, bytes(x), 0, null);
    }

    @Override
    @Deprecated
    public void setUnicodeStream(int i, InputStream x, int length) throws SQLException {
        bind(i, Bindings.UNICODE_STREAM, bytes(x), length, null);
    }

    @Override
    public void setBinaryStream(int i, InputStream x, int length) throws SQLException {
        bind(i, Bindings.BINARY_STREAM_INT, bytes(x), length, null);
    }

    @Override
    public void setBinaryStream(int i, InputStream x, long length) throws SQLException {
        bind(i, Bindings.BINARY_STREAM_LENGTH, bytes(x), length, null);
    }

    @Override
    public void setBinaryStream(int i, InputStream x) throws SQLException {
        bind(i, Bindings.BINARY_STREAM, bytes(x), 0, null);
    }

    @Override
    public void setObject(int i, Object x) throws SQLException {
        if (record(i, Bindings.OBJECT, x, 0, null)) {
            preparedStatement.setObject(i, x);
        }
    }

    @Override
    public void setObject(int i, Object x, int targetSqlType) throws SQLException {
        bind(i, Bindings.OBJECT_TYPE, x, targetSqlType, null);
    }

    @Override
    public void setObject(int i, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
        bind(i, Bindings.OBJECT_TYPE_SCALE, x, targetSqlType, scaleOrLength);
    }

    @Override
    public void setObject(int i, Object x, SQLType targetSqlType) throws SQLException {
        bind(i, Bindings.OBJECT_SQL_TYPE, x, 0, targetSqlType);
    }

    @Override
    public void setObject(int i, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
        bind(i, Bindings.OBJECT_SQL_TYPE_SCALE, x, scaleOrLength, targetSqlType);
    }

    @Override
    public void setCharacterStream(int i, Reader x, int length) throws SQLException {
        bind(i, Bindings.CHARACTER_STREAM_INT, chars(x), length, null);
    }

    @Override
    public void setCharacterStream(int i, Reader x, long length) throws SQLException {
        bind(i, Bindings.CHARACTER_STREAM_LENGTH, chars(x), length, null);
    }

    @Override
    public void setCharacterStream(int i, Reader x) throws SQLException {
        bind(i, Bindings.CHARACTER_STREAM, chars(x), 0, null);
    }

    @Override
    public void setRef(int i, Ref x) throws SQLException {
        bind(i, Bindings.REF, x, 0, null);
    }

    @Override
    public void setBlob(int i, Blob x) throws SQLException {
        bind(i, Bindings.BLOB, x, 0, null);
    }

    @Override
    public void setBlob(int i, InputStream x, long length) throws SQLException {
        bind(i, Bindings.BLOB_STREAM_LENGTH, bytes(x), length, null);
    }

    @Override
    public void setBlob(int i, InputStream x) throws SQLException {
        bind(i, Bindings.BLOB_STREAM, bytes(x), 0, null);
    }

    @Override
    public void setClob(int i, Clob x) throws SQLException {
        bind(i, Bindings.CLOB, x, 0, null);
    }

    @Override
    public void setClob(int i, Reader x, long length) throws SQLException {
        bind(i, Bindings.CLOB_READER_LENGTH, chars(x), length, null);
    }

    @Override
    public void setClob(int i, Reader x) throws SQLException {
        bind(i, Bindings.CLOB_READER, chars(x), 0, null);
    }

    @Override
    public void setArray(int i, Array x) throws SQLException {
        bind(i, Bindings.ARRAY, x, 0, null);
    }

    @Override
    public void setURL(int i, URL x) throws SQLException {
        bind(i, Bindings.URL_VALUE, x, 0, null);
    }

    @Override
    public void setRowId(int i, RowId x) throws SQLException {
        bind(i, Bindings.ROW_ID, x, 0, null);
    }

    @Override
    public void setNString(int i, String x) throws SQLException {
        bind(i, Bindings.NSTRING, x, 0, null);
    }

    @Override
    public void setNCharacterStream(int i, Reader x, long length) throws SQLException {
        bind(i, Bindings.NCHARACTER_STREAM_LENGTH, chars(x), length, null);
    }

    @Override
    public void setNCharacterStream(int i, Reader x) throws SQLException {
        bind(i, Bindings.NCHARACTER_STREAM, chars(x), 0, null);
    }

    @Override
    public void setNClob(int i, NClob x) throws SQLException {
        bind(i, Bindings.NCLOB, x, 0, null);
    }

    @Override
    public void setNClob(int i, Reader x, long length) throws SQLException {
        bind(i, Bindings.NCLOB_READER_LENGTH, chars(x), length, null);
    }

    @Override
    public void setNClob(int i, Reader x) throws SQLException {
        bind(i, Bindings.NCLOB_READER, chars(x), 0, null);
    }

    @Override
    public void setSQLXML(int i, SQLXML x) throws SQLException {
        bind(i, Bindings.SQLXML_VALUE, x, 0, null);
    }
}
