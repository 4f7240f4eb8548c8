package dev.dualwrite.jdbc;

import dev.dualwrite.core.rewrite.ParameterMap;
import dev.dualwrite.core.rewrite.Rejection;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
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
 * The parameters of a call that a prepared statement does not have: those set by name and the OUT parameters. Both are
 * recorded, so that a call prepared again after a phase change gets them again. The driver resolves both against the
 * call's own parameters, which is only meaningful while the text keeps its parameters where they were: for a call
 * whose parameters the rewrite moved, setting one by name or registering an OUT parameter is refused rather than
 * misrouted, and so is preparing again, with a rewrite that moves them, a call that has some.
 *
 * <p>The generated callable statement sends the {@code CallableStatement} methods declared here to this object.
 */
final class CallParameters {
    /** The driver's call the values go to. */
    private CallableStatement target;
    /** The positional parameters, which also record the ones set by name (so batched rows keep them). */
    private final Parameters parameters;
    /** The OUT parameters registered, by "index N" or "name N", in the order they were registered. */
    private final LinkedHashMap<String, Bindings.ByName> outParameters = new LinkedHashMap<>();

    CallParameters(CallableStatement target, Parameters parameters) {
        this.target = target;
        this.parameters = parameters;
    }

    /** From now on the values go to {@code target}. */
    void retarget(CallableStatement target) {
        this.target = target;
    }

    /** Throws when the call is to be prepared again with {@code nextMap} (null: the identity) and cannot keep these. */
    void checkCarriedOver(ParameterMap nextMap) throws SQLException {
        if (nextMap != null && (parameters.anyByName() || !outParameters.isEmpty())) {
            throw new SQLFeatureNotSupportedException("dualwrite must prepare this call again for a new"
                    + " configuration, whose rewrite moves the call's parameters, but the call has "
                    + (outParameters.isEmpty() ? "parameters set by name" : "OUT parameters")
                    + ", which the driver would resolve against the wrong ones; prepare the call again and set its"
                    + " parameters by index, without OUT parameters", Rejection.UNSUPPORTED);
        }
    }

    /** Registers the OUT parameters again on the call prepared again. */
    void rebindOut(CallableStatement replacement) throws SQLException {
        for (Bindings.ByName out : outParameters.values()) {
            out.bind(replacement);
        }
    }

    private void requireIdentity() throws SQLException {
        if (!parameters.identity()) {
            throw new SQLFeatureNotSupportedException("dualwrite moved the parameters of this call while rewriting"
                    + " it, so OUT parameters cannot be registered; call it without OUT parameters or"
                    + " through a procedure that does not name a window column", Rejection.UNSUPPORTED);
        }
    }

    private void byName(String name) throws SQLException {
        if (!parameters.identity()) {
            throw new SQLFeatureNotSupportedException("dualwrite moved the parameters of this call while rewriting"
                    + " it, so parameter " + name + " cannot be set by name; set it by index", Rejection.UNSUPPORTED);
        }
    }

    // ------------------------------------------------------------------------------------------------ OUT parameters

    void registerOutParameter(int index, int sqlType) throws SQLException {
        requireIdentity();
        target.registerOutParameter(index, sqlType);
        outParameters.put("index " + index, cs -> cs.registerOutParameter(index, sqlType));
    }

    void registerOutParameter(int index, int sqlType, int scale) throws SQLException {
        requireIdentity();
        target.registerOutParameter(index, sqlType, scale);
        outParameters.put("index " + index, cs -> cs.registerOutParameter(index, sqlType, scale));
    }

    void registerOutParameter(int index, int sqlType, String typeName) throws SQLException {
        requireIdentity();
        target.registerOutParameter(index, sqlType, typeName);
        outParameters.put("index " + index, cs -> cs.registerOutParameter(index, sqlType, typeName));
    }

    void registerOutParameter(int index, SQLType sqlType) throws SQLException {
        requireIdentity();
        target.registerOutParameter(index, sqlType);
        outParameters.put("index " + index, cs -> cs.registerOutParameter(index, sqlType));
    }

    void registerOutParameter(int index, SQLType sqlType, int scale) throws SQLException {
        requireIdentity();
        target.registerOutParameter(index, sqlType, scale);
        outParameters.put("index " + index, cs -> cs.registerOutParameter(index, sqlType, scale));
    }

    void registerOutParameter(int index, SQLType sqlType, String typeName) throws SQLException {
        requireIdentity();
        target.registerOutParameter(index, sqlType, typeName);
        outParameters.put("index " + index, cs -> cs.registerOutParameter(index, sqlType, typeName));
    }

    void registerOutParameter(String name, int sqlType) throws SQLException {
        requireIdentity();
        target.registerOutParameter(name, sqlType);
        outParameters.put("name " + name, cs -> cs.registerOutParameter(name, sqlType));
    }

    void registerOutParameter(String name, int sqlType, int scale) throws SQLException {
        requireIdentity();
        target.registerOutParameter(name, sqlType, scale);
        outParameters.put("name " + name, cs -> cs.registerOutParameter(name, sqlType, scale));
    }

    void registerOutParameter(String name, int sqlType, String typeName) throws SQLException {
        requireIdentity();
        target.registerOutParameter(name, sqlType, typeName);
        outParameters.put("name " + name, cs -> cs.registerOutParameter(name, sqlType, typeName));
    }

    void registerOutParameter(String name, SQLType sqlType) throws SQLException {
        requireIdentity();
        target.registerOutParameter(name, sqlType);
        outParameters.put("name " + name, cs -> cs.registerOutParameter(name, sqlType));
    }

    void registerOutParameter(String name, SQLType sqlType, int scale) throws SQLException {
        requireIdentity();
        target.registerOutParameter(name, sqlType, scale);
        outParameters.put("name " + name, cs -> cs.registerOutParameter(name, sqlType, scale));
    }

    void registerOutParameter(String name, SQLType sqlType, String typeName) throws SQLException {
        requireIdentity();
        target.registerOutParameter(name, sqlType, typeName);
        outParameters.put("name " + name, cs -> cs.registerOutParameter(name, sqlType, typeName));
    }

    // ------------------------------------------------------------------------------------------------ IN by name

    void setURL(String name, URL value) throws SQLException {
        byName(name);
        target.setURL(name, value);
        parameters.setByName(name, cs -> cs.setURL(name, value));
    }

    void setNull(String name, int sqlType) throws SQLException {
        byName(name);
        target.setNull(name, sqlType);
        parameters.setByName(name, cs -> cs.setNull(name, sqlType));
    }

    void setBoolean(String name, boolean value) throws SQLException {
        byName(name);
        target.setBoolean(name, value);
        parameters.setByName(name, cs -> cs.setBoolean(name, value));
    }

    void setByte(String name, byte value) throws SQLException {
        byName(name);
        target.setByte(name, value);
        parameters.setByName(name, cs -> cs.setByte(name, value));
    }

    void setShort(String name, short value) throws SQLException {
        byName(name);
        target.setShort(name, value);
        parameters.setByName(name, cs -> cs.setShort(name, value));
    }

    void setInt(String name, int value) throws SQLException {
        byName(name);
        target.setInt(name, value);
        parameters.setByName(name, cs -> cs.setInt(name, value));
    }

    void setLong(String name, long value) throws SQLException {
        byName(name);
        target.setLong(name, value);
        parameters.setByName(name, cs -> cs.setLong(name, value));
    }

    void setFloat(String name, float value) throws SQLException {
        byName(name);
        target.setFloat(name, value);
        parameters.setByName(name, cs -> cs.setFloat(name, value));
    }

    void setDouble(String name, double value) throws SQLException {
        byName(name);
        target.setDouble(name, value);
        parameters.setByName(name, cs -> cs.setDouble(name, value));
    }

    void setBigDecimal(String name, BigDecimal value) throws SQLException {
        byName(name);
        target.setBigDecimal(name, value);
        parameters.setByName(name, cs -> cs.setBigDecimal(name, value));
    }

    void setString(String name, String value) throws SQLException {
        byName(name);
        target.setString(name, value);
        parameters.setByName(name, cs -> cs.setString(name, value));
    }

    void setBytes(String name, byte[] value) throws SQLException {
        byName(name);
        target.setBytes(name, value);
        parameters.setByName(name, cs -> cs.setBytes(name, value));
    }

    void setDate(String name, Date value) throws SQLException {
        byName(name);
        target.setDate(name, value);
        parameters.setByName(name, cs -> cs.setDate(name, value));
    }

    void setTime(String name, Time value) throws SQLException {
        byName(name);
        target.setTime(name, value);
        parameters.setByName(name, cs -> cs.setTime(name, value));
    }

    void setTimestamp(String name, Timestamp value) throws SQLException {
        byName(name);
        target.setTimestamp(name, value);
        parameters.setByName(name, cs -> cs.setTimestamp(name, value));
    }

    void setAsciiStream(String name, InputStream value, int length) throws SQLException {
        byName(name);
        Recorded.Bytes r = parameters.bytes(value);
        target.setAsciiStream(name, Bindings.again(r, name), length);
        parameters.setByName(name, cs -> cs.setAsciiStream(name, Bindings.again(r, name), length));
    }

    void setBinaryStream(String name, InputStream value, int length) throws SQLException {
        byName(name);
        Recorded.Bytes r = parameters.bytes(value);
        target.setBinaryStream(name, Bindings.again(r, name), length);
        parameters.setByName(name, cs -> cs.setBinaryStream(name, Bindings.again(r, name), length));
    }

    void setObject(String name, Object value, int targetSqlType, int scaleOrLength) throws SQLException {
        byName(name);
        target.setObject(name, value, targetSqlType, scaleOrLength);
        parameters.setByName(name, cs -> cs.setObject(name, value, targetSqlType, scaleOrLength));
    }

    void setObject(String name, Object value, int targetSqlType) throws SQLException {
        byName(name);
        target.setObject(name, value, targetSqlType);
        parameters.setByName(name, cs -> cs.setObject(name, value, targetSqlType));
    }

    void setObject(String name, Object value) throws SQLException {
        byName(name);
        target.setObject(name, value);
        parameters.setByName(name, cs -> cs.setObject(name, value));
    }

    void setCharacterStream(String name, Reader value, int length) throws SQLException {
        byName(name);
        Recorded.Chars r = parameters.chars(value);
        target.setCharacterStream(name, Bindings.again(r, name), length);
        parameters.setByName(name, cs -> cs.setCharacterStream(name, Bindings.again(r, name), length));
    }

    void setDate(String name, Date value, Calendar cal) throws SQLException {
        byName(name);
        target.setDate(name, value, cal);
        parameters.setByName(name, cs -> cs.setDate(name, value, cal));
    }

    void setTime(String name, Time value, Calendar cal) throws SQLException {
        byName(name);
        target.setTime(name, value, cal);
        parameters.setByName(name, cs -> cs.setTime(name, value, cal));
    }

    void setTimestamp(String name, Timestamp value, Calendar cal) throws SQLException {
        byName(name);
        target.setTimestamp(name, value, cal);
        parameters.setByName(name, cs -> cs.setTimestamp(name, value, cal));
    }

    void setNull(String name, int sqlType, String typeName) throws SQLException {
        byName(name);
        target.setNull(name, sqlType, typeName);
        parameters.setByName(name, cs -> cs.setNull(name, sqlType, typeName));
    }

    void setRowId(String name, RowId value) throws SQLException {
        byName(name);
        target.setRowId(name, value);
        parameters.setByName(name, cs -> cs.setRowId(name, value));
    }

    void setNString(String name, String value) throws SQLException {
        byName(name);
        target.setNString(name, value);
        parameters.setByName(name, cs -> cs.setNString(name, value));
    }

    void setNCharacterStream(String name, Reader value, long length) throws SQLException {
        byName(name);
        Recorded.Chars r = parameters.chars(value);
        target.setNCharacterStream(name, Bindings.again(r, name), length);
        parameters.setByName(name, cs -> cs.setNCharacterStream(name, Bindings.again(r, name), length));
    }

    void setNClob(String name, NClob value) throws SQLException {
        byName(name);
        target.setNClob(name, value);
        parameters.setByName(name, cs -> cs.setNClob(name, value));
    }

    void setClob(String name, Reader value, long length) throws SQLException {
        byName(name);
        Recorded.Chars r = parameters.chars(value);
        target.setClob(name, Bindings.again(r, name), length);
        parameters.setByName(name, cs -> cs.setClob(name, Bindings.again(r, name), length));
    }

    void setBlob(String name, InputStream value, long length) throws SQLException {
        byName(name);
        Recorded.Bytes r = parameters.bytes(value);
        target.setBlob(name, Bindings.again(r, name), length);
        parameters.setByName(name, cs -> cs.setBlob(name, Bindings.again(r, name), length));
    }

    void setNClob(String name, Reader value, long length) throws SQLException {
        byName(name);
        Recorded.Chars r = parameters.chars(value);
        target.setNClob(name, Bindings.again(r, name), length);
        parameters.setByName(name, cs -> cs.setNClob(name, Bindings.again(r, name), length));
    }

    void setSQLXML(String name, SQLXML value) throws SQLException {
        byName(name);
        target.setSQLXML(name, value);
        parameters.setByName(name, cs -> cs.setSQLXML(name, value));
    }

    void setBlob(String name, Blob value) throws SQLException {
        byName(name);
        target.setBlob(name, value);
        parameters.setByName(name, cs -> cs.setBlob(name, value));
    }

    void setClob(String name, Clob value) throws SQLException {
        byName(name);
        target.setClob(name, value);
        parameters.setByName(name, cs -> cs.setClob(name, value));
    }

    void setAsciiStream(String name, InputStream value, long length) throws SQLException {
        byName(name);
        Recorded.Bytes r = parameters.bytes(value);
        target.setAsciiStream(name, Bindings.again(r, name), length);
        parameters.setByName(name, cs -> cs.setAsciiStream(name, Bindings.again(r, name), length));
    }

    void setBinaryStream(String name, InputStream value, long length) throws SQLException {
        byName(name);
        Recorded.Bytes r = parameters.bytes(value);
        target.setBinaryStream(name, Bindings.again(r, name), length);
        parameters.setByName(name, cs -> cs.setBinaryStream(name, Bindings.again(r, name), length));
    }

    void setCharacterStream(String name, Reader value, long length) throws SQLException {
        byName(name);
        Recorded.Chars r = parameters.chars(value);
        target.setCharacterStream(name, Bindings.again(r, name), length);
        parameters.setByName(name, cs -> cs.setCharacterStream(name, Bindings.again(r, name), length));
    }

    void setAsciiStream(String name, InputStream value) throws SQLException {
        byName(name);
        Recorded.Bytes r = parameters.bytes(value);
        target.setAsciiStream(name, Bindings.again(r, name));
        parameters.setByName(name, cs -> cs.setAsciiStream(name, Bindings.again(r, name)));
    }

    void setBinaryStream(String name, InputStream value) throws SQLException {
        byName(name);
        Recorded.Bytes r = parameters.bytes(value);
        target.setBinaryStream(name, Bindings.again(r, name));
        parameters.setByName(name, cs -> cs.setBinaryStream(name, Bindings.again(r, name)));
    }

    void setCharacterStream(String name, Reader value) throws SQLException {
        byName(name);
        Recorded.Chars r = parameters.chars(value);
        target.setCharacterStream(name, Bindings.again(r, name));
        parameters.setByName(name, cs -> cs.setCharacterStream(name, Bindings.again(r, name)));
    }

    void setNCharacterStream(String name, Reader value) throws SQLException {
        byName(name);
        Recorded.Chars r = parameters.chars(value);
        target.setNCharacterStream(name, Bindings.again(r, name));
        parameters.setByName(name, cs -> cs.setNCharacterStream(name, Bindings.again(r, name)));
    }

    void setClob(String name, Reader value) throws SQLException {
        byName(name);
        Recorded.Chars r = parameters.chars(value);
        target.setClob(name, Bindings.again(r, name));
        parameters.setByName(name, cs -> cs.setClob(name, Bindings.again(r, name)));
    }

    void setBlob(String name, InputStream value) throws SQLException {
        byName(name);
        Recorded.Bytes r = parameters.bytes(value);
        target.setBlob(name, Bindings.again(r, name));
        parameters.setByName(name, cs -> cs.setBlob(name, Bindings.again(r, name)));
    }

    void setNClob(String name, Reader value) throws SQLException {
        byName(name);
        Recorded.Chars r = parameters.chars(value);
        target.setNClob(name, Bindings.again(r, name));
        parameters.setByName(name, cs -> cs.setNClob(name, Bindings.again(r, name)));
    }

    void setObject(String name, Object value, SQLType targetSqlType, int scaleOrLength) throws SQLException {
        byName(name);
        target.setObject(name, value, targetSqlType, scaleOrLength);
        parameters.setByName(name, cs -> cs.setObject(name, value, targetSqlType, scaleOrLength));
    }

    void setObject(String name, Object value, SQLType targetSqlType) throws SQLException {
        byName(name);
        target.setObject(name, value, targetSqlType);
        parameters.setByName(name, cs -> cs.setObject(name, value, targetSqlType));
    }
}
