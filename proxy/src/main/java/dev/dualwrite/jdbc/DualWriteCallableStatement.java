package dev.dualwrite.jdbc;

import dev.dualwrite.core.rewrite.ParameterMap;
import dev.dualwrite.core.rewrite.Plan;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.LinkedHashMap;

/**
 * A callable statement: positional IN parameters are mapped like a prepared statement's. Parameters set by name and
 * OUT parameters are recorded too, so that a call prepared again after a phase change gets them again. Both are
 * resolved by the driver against the call's own parameters, which is only meaningful while the text keeps its
 * parameters where they were: for a call whose parameters the rewrite moved, setting one by name or registering an OUT
 * parameter is refused rather than misrouted, and so is preparing again, with a rewrite that moves them, a call that
 * has some.
 */
final class DualWriteCallableStatement extends DelegatingCallableStatement {
    /** The OUT parameters registered, by "index N" or "name N", in the order they were registered. */
    private final LinkedHashMap<String, Bindings.ByName> outParameters = new LinkedHashMap<>();

    DualWriteCallableStatement(DualWriteConnection connection, String sql, Plan plan, CallableStatement delegate,
            Preparation preparation) throws SQLException {
        super(connection, sql, plan, delegate, preparation);
    }

    @Override
    void delegate(PreparedStatement replacement) {
        super.delegate(replacement);
        this.callableStatement = (CallableStatement) replacement;
    }

    @Override
    void beforeRebind(ParameterMap nextMap) throws SQLException {
        if (nextMap != null && (hasParametersByName() || !outParameters.isEmpty())) {
            throw new SQLFeatureNotSupportedException("dualwrite must prepare this call again for a new"
                    + " configuration, whose rewrite moves the call's parameters, but the call has "
                    + (outParameters.isEmpty() ? "parameters set by name" : "OUT parameters")
                    + ", which the driver would resolve against the wrong ones; prepare the call again and set its"
                    + " parameters by index, without OUT parameters", "0A000");
        }
    }

    @Override
    void rebind(PreparedStatement replacement) throws SQLException {
        for (Bindings.ByName out : outParameters.values()) {
            out.bind((CallableStatement) replacement);
        }
        super.rebind(replacement);
    }

    private void requireIdentity() throws SQLException {
        if (!hasIdentityMap()) {
            throw new SQLFeatureNotSupportedException("dualwrite moved the parameters of this call while rewriting"
                    + " it, so OUT parameters cannot be registered; call it without OUT parameters or"
                    + " through a procedure that does not name a window column", "0A000");
        }
    }

    private void byName(String name) throws SQLException {
        if (!hasIdentityMap()) {
            throw new SQLFeatureNotSupportedException("dualwrite moved the parameters of this call while rewriting"
                    + " it, so parameter " + name + " cannot be set by name; set it by index", "0A000");
        }
    }

    // ------------------------------------------------------------------------------------------------ OUT parameters

    @Override
    public void registerOutParameter(int index, int sqlType) throws SQLException {
        requireIdentity();
        callableStatement.registerOutParameter(index, sqlType);
        outParameters.put("index " + index, cs -> cs.registerOutParameter(index, sqlType));
    }

    @Override
    public void registerOutParameter(int index, int sqlType, int scale) throws SQLException {
        requireIdentity();
        callableStatement.registerOutParameter(index, sqlType, scale);
        outParameters.put("index " + index, cs -> cs.registerOutParameter(index, sqlType, scale));
    }

    @Override
    public void registerOutParameter(int index, int sqlType, String typeName) throws SQLException {
        requireIdentity();
        callableStatement.registerOutParameter(index, sqlType, typeName);
        outParameters.put("index " + index, cs -> cs.registerOutParameter(index, sqlType, typeName));
    }

    @Override
    public void registerOutParameter(int index, SQLType sqlType) throws SQLException {
        requireIdentity();
        callableStatement.registerOutParameter(index, sqlType);
        outParameters.put("index " + index, cs -> cs.registerOutParameter(index, sqlType));
    }

    @Override
    public void registerOutParameter(int index, SQLType sqlType, int scale) throws SQLException {
        requireIdentity();
        callableStatement.registerOutParameter(index, sqlType, scale);
        outParameters.put("index " + index, cs -> cs.registerOutParameter(index, sqlType, scale));
    }

    @Override
    public void registerOutParameter(int index, SQLType sqlType, String typeName) throws SQLException {
        requireIdentity();
        callableStatement.registerOutParameter(index, sqlType, typeName);
        outParameters.put("index " + index, cs -> cs.registerOutParameter(index, sqlType, typeName));
    }

    @Override
    public void registerOutParameter(String name, int sqlType) throws SQLException {
        requireIdentity();
        callableStatement.registerOutParameter(name, sqlType);
        outParameters.put("name " + name, cs -> cs.registerOutParameter(name, sqlType));
    }

    @Override
    public void registerOutParameter(String name, int sqlType, int scale) throws SQLException {
        requireIdentity();
        callableStatement.registerOutParameter(name, sqlType, scale);
        outParameters.put("name " + name, cs -> cs.registerOutParameter(name, sqlType, scale));
    }

    @Override
    public void registerOutParameter(String name, int sqlType, String typeName) throws SQLException {
        requireIdentity();
        callableStatement.registerOutParameter(name, sqlType, typeName);
        outParameters.put("name " + name, cs -> cs.registerOutParameter(name, sqlType, typeName));
    }

    @Override
    public void registerOutParameter(String name, SQLType sqlType) throws SQLException {
        requireIdentity();
        callableStatement.registerOutParameter(name, sqlType);
        outParameters.put("name " + name, cs -> cs.registerOutParameter(name, sqlType));
    }

    @Override
    public void registerOutParameter(String name, SQLType sqlType, int scale) throws SQLException {
        requireIdentity();
        callableStatement.registerOutParameter(name, sqlType, scale);
        outParameters.put("name " + name, cs -> cs.registerOutParameter(name, sqlType, scale));
    }

    @Override
    public void registerOutParameter(String name, SQLType sqlType, String typeName) throws SQLException {
        requireIdentity();
        callableStatement.registerOutParameter(name, sqlType, typeName);
        outParameters.put("name " + name, cs -> cs.registerOutParameter(name, sqlType, typeName));
    }

    // ------------------------------------------------------------------------------------------------ IN by name

    @Override
    public void setURL(String name, URL value) throws SQLException {
        byName(name);
        callableStatement.setURL(name, value);
        bindings.setByName(name, cs -> cs.setURL(name, value));
    }

    @Override
    public void setNull(String name, int sqlType) throws SQLException {
        byName(name);
        callableStatement.setNull(name, sqlType);
        bindings.setByName(name, cs -> cs.setNull(name, sqlType));
    }

    @Override
    public void setBoolean(String name, boolean value) throws SQLException {
        byName(name);
        callableStatement.setBoolean(name, value);
        bindings.setByName(name, cs -> cs.setBoolean(name, value));
    }

    @Override
    public void setByte(String name, byte value) throws SQLException {
        byName(name);
        callableStatement.setByte(name, value);
        bindings.setByName(name, cs -> cs.setByte(name, value));
    }

    @Override
    public void setShort(String name, short value) throws SQLException {
        byName(name);
        callableStatement.setShort(name, value);
        bindings.setByName(name, cs -> cs.setShort(name, value));
    }

    @Override
    public void setInt(String name, int value) throws SQLException {
        byName(name);
        callableStatement.setInt(name, value);
        bindings.setByName(name, cs -> cs.setInt(name, value));
    }

    @Override
    public void setLong(String name, long value) throws SQLException {
        byName(name);
        callableStatement.setLong(name, value);
        bindings.setByName(name, cs -> cs.setLong(name, value));
    }

    @Override
    public void setFloat(String name, float value) throws SQLException {
        byName(name);
        callableStatement.setFloat(name, value);
        bindings.setByName(name, cs -> cs.setFloat(name, value));
    }

    @Override
    public void setDouble(String name, double value) throws SQLException {
        byName(name);
        callableStatement.setDouble(name, value);
        bindings.setByName(name, cs -> cs.setDouble(name, value));
    }

    @Override
    public void setBigDecimal(String name, BigDecimal value) throws SQLException {
        byName(name);
        callableStatement.setBigDecimal(name, value);
        bindings.setByName(name, cs -> cs.setBigDecimal(name, value));
    }

    @Override
    public void setString(String name, String value) throws SQLException {
        byName(name);
        callableStatement.setString(name, value);
        bindings.setByName(name, cs -> cs.setString(name, value));
    }

    @Override
    public void setBytes(String name, byte[] value) throws SQLException {
        byName(name);
        callableStatement.setBytes(name, value);
        bindings.setByName(name, cs -> cs.setBytes(name, value));
    }

    @Override
    public void setDate(String name, Date value) throws SQLException {
        byName(name);
        callableStatement.setDate(name, value);
        bindings.setByName(name, cs -> cs.setDate(name, value));
    }

    @Override
    public void setTime(String name, Time value) throws SQLException {
        byName(name);
        callableStatement.setTime(name, value);
        bindings.setByName(name, cs -> cs.setTime(name, value));
    }

    @Override
    public void setTimestamp(String name, Timestamp value) throws SQLException {
        byName(name);
        callableStatement.setTimestamp(name, value);
        bindings.setByName(name, cs -> cs.setTimestamp(name, value));
    }

    @Override
    public void setAsciiStream(String name, InputStream value, int length) throws SQLException {
        byName(name);
        Recorded.Bytes r = bytes(value);
        callableStatement.setAsciiStream(name, Bindings.again(r, name), length);
        bindings.setByName(name, cs -> cs.setAsciiStream(name, Bindings.again(r, name), length));
    }

    @Override
    public void setBinaryStream(String name, InputStream value, int length) throws SQLException {
        byName(name);
        Recorded.Bytes r = bytes(value);
        callableStatement.setBinaryStream(name, Bindings.again(r, name), length);
        bindings.setByName(name, cs -> cs.setBinaryStream(name, Bindings.again(r, name), length));
    }

    @Override
    public void setObject(String name, Object value, int targetSqlType, int scaleOrLength) throws SQLException {
        byName(name);
        callableStatement.setObject(name, value, targetSqlType, scaleOrLength);
        bindings.setByName(name, cs -> cs.setObject(name, value, targetSqlType, scaleOrLength));
    }

    @Override
    public void setObject(String name, Object value, int targetSqlType) throws SQLException {
        byName(name);
        callableStatement.setObject(name, value, targetSqlType);
        bindings.setByName(name, cs -> cs.setObject(name, value, targetSqlType));
    }

    @Override
    public void setObject(String name, Object value) throws SQLException {
        byName(name);
        callableStatement.setObject(name, value);
        bindings.setByName(name, cs -> cs.setObject(name, value));
    }

    @Override
    public void setCharacterStream(String name, Reader value, int length) throws SQLException {
        byName(name);
        Recorded.Chars r = chars(value);
        callableStatement.setCharacterStream(name, Bindings.again(r, name), length);
        bindings.setByName(name, cs -> cs.setCharacterStream(name, Bindings.again(r, name), length));
    }

    @Override
    public void setDate(String name, Date value, Calendar cal) throws SQLException {
        byName(name);
        callableStatement.setDate(name, value, cal);
        bindings.setByName(name, cs -> cs.setDate(name, value, cal));
    }

    @Override
    public void setTime(String name, Time value, Calendar cal) throws SQLException {
        byName(name);
        callableStatement.setTime(name, value, cal);
        bindings.setByName(name, cs -> cs.setTime(name, value, cal));
    }

    @Override
    public void setTimestamp(String name, Timestamp value, Calendar cal) throws SQLException {
        byName(name);
        callableStatement.setTimestamp(name, value, cal);
        bindings.setByName(name, cs -> cs.setTimestamp(name, value, cal));
    }

    @Override
    public void setNull(String name, int sqlType, String typeName) throws SQLException {
        byName(name);
        callableStatement.setNull(name, sqlType, typeName);
        bindings.setByName(name, cs -> cs.setNull(name, sqlType, typeName));
    }

    @Override
    public void setRowId(String name, RowId value) throws SQLException {
        byName(name);
        callableStatement.setRowId(name, value);
        bindings.setByName(name, cs -> cs.setRowId(name, value));
    }

    @Override
    public void setNString(String name, String value) throws SQLException {
        byName(name);
        callableStatement.setNString(name, value);
        bindings.setByName(name, cs -> cs.setNString(name, value));
    }

    @Override
    public void setNCharacterStream(String name, Reader value, long length) throws SQLException {
        byName(name);
        Recorded.Chars r = chars(value);
        callableStatement.setNCharacterStream(name, Bindings.again(r, name), length);
        bindings.setByName(name, cs -> cs.setNCharacterStream(name, Bindings.again(r, name), length));
    }

    @Override
    public void setNClob(String name, NClob value) throws SQLException {
        byName(name);
        callableStatement.setNClob(name, value);
        bindings.setByName(name, cs -> cs.setNClob(name, value));
    }

    @Override
    public void setClob(String name, Reader value, long length) throws SQLException {
        byName(name);
        Recorded.Chars r = chars(value);
        callableStatement.setClob(name, Bindings.again(r, name), length);
        bindings.setByName(name, cs -> cs.setClob(name, Bindings.again(r, name), length));
    }

    @Override
    public void setBlob(String name, InputStream value, long length) throws SQLException {
        byName(name);
        Recorded.Bytes r = bytes(value);
        callableStatement.setBlob(name, Bindings.again(r, name), length);
        bindings.setByName(name, cs -> cs.setBlob(name, Bindings.again(r, name), length));
    }

    @Override
    public void setNClob(String name, Reader value, long length) throws SQLException {
        byName(name);
        Recorded.Chars r = chars(value);
        callableStatement.setNClob(name, Bindings.again(r, name), length);
        bindings.setByName(name, cs -> cs.setNClob(name, Bindings.again(r, name), length));
    }

    @Override
    public void setSQLXML(String name, SQLXML value) throws SQLException {
        byName(name);
        callableStatement.setSQLXML(name, value);
        bindings.setByName(name, cs -> cs.setSQLXML(name, value));
    }

    @Override
    public void setBlob(String name, Blob value) throws SQLException {
        byName(name);
        callableStatement.setBlob(name, value);
        bindings.setByName(name, cs -> cs.setBlob(name, value));
    }

    @Override
    public void setClob(String name, Clob value) throws SQLException {
        byName(name);
        callableStatement.setClob(name, value);
        bindings.setByName(name, cs -> cs.setClob(name, value));
    }

    @Override
    public void setAsciiStream(String name, InputStream value, long length) throws SQLException {
        byName(name);
        Recorded.Bytes r = bytes(value);
        callableStatement.setAsciiStream(name, Bindings.again(r, name), length);
        bindings.setByName(name, cs -> cs.setAsciiStream(name, Bindings.again(r, name), length));
    }

    @Override
    public void setBinaryStream(String name, InputStream value, long length) throws SQLException {
        byName(name);
        Recorded.Bytes r = bytes(value);
        callableStatement.setBinaryStream(name, Bindings.again(r, name), length);
        bindings.setByName(name, cs -> cs.setBinaryStream(name, Bindings.again(r, name), length));
    }

    @Override
    public void setCharacterStream(String name, Reader value, long length) throws SQLException {
        byName(name);
        Recorded.Chars r = chars(value);
        callableStatement.setCharacterStream(name, Bindings.again(r, name), length);
        bindings.setByName(name, cs -> cs.setCharacterStream(name, Bindings.again(r, name), length));
    }

    @Override
    public void setAsciiStream(String name, InputStream value) throws SQLException {
        byName(name);
        Recorded.Bytes r = bytes(value);
        callableStatement.setAsciiStream(name, Bindings.again(r, name));
        bindings.setByName(name, cs -> cs.setAsciiStream(name, Bindings.again(r, name)));
    }

    @Override
    public void setBinaryStream(String name, InputStream value) throws SQLException {
        byName(name);
        Recorded.Bytes r = bytes(value);
        callableStatement.setBinaryStream(name, Bindings.again(r, name));
        bindings.setByName(name, cs -> cs.setBinaryStream(name, Bindings.again(r, name)));
    }

    @Override
    public void setCharacterStream(String name, Reader value) throws SQLException {
        byName(name);
        Recorded.Chars r = chars(value);
        callableStatement.setCharacterStream(name, Bindings.again(r, name));
        bindings.setByName(name, cs -> cs.setCharacterStream(name, Bindings.again(r, name)));
    }

    @Override
    public void setNCharacterStream(String name, Reader value) throws SQLException {
        byName(name);
        Recorded.Chars r = chars(value);
        callableStatement.setNCharacterStream(name, Bindings.again(r, name));
        bindings.setByName(name, cs -> cs.setNCharacterStream(name, Bindings.again(r, name)));
    }

    @Override
    public void setClob(String name, Reader value) throws SQLException {
        byName(name);
        Recorded.Chars r = chars(value);
        callableStatement.setClob(name, Bindings.again(r, name));
        bindings.setByName(name, cs -> cs.setClob(name, Bindings.again(r, name)));
    }

    @Override
    public void setBlob(String name, InputStream value) throws SQLException {
        byName(name);
        Recorded.Bytes r = bytes(value);
        callableStatement.setBlob(name, Bindings.again(r, name));
        bindings.setByName(name, cs -> cs.setBlob(name, Bindings.again(r, name)));
    }

    @Override
    public void setNClob(String name, Reader value) throws SQLException {
        byName(name);
        Recorded.Chars r = chars(value);
        callableStatement.setNClob(name, Bindings.again(r, name));
        bindings.setByName(name, cs -> cs.setNClob(name, Bindings.again(r, name)));
    }

    @Override
    public void setObject(String name, Object value, SQLType targetSqlType, int scaleOrLength) throws SQLException {
        byName(name);
        callableStatement.setObject(name, value, targetSqlType, scaleOrLength);
        bindings.setByName(name, cs -> cs.setObject(name, value, targetSqlType, scaleOrLength));
    }

    @Override
    public void setObject(String name, Object value, SQLType targetSqlType) throws SQLException {
        byName(name);
        callableStatement.setObject(name, value, targetSqlType);
        bindings.setByName(name, cs -> cs.setObject(name, value, targetSqlType));
    }
}
