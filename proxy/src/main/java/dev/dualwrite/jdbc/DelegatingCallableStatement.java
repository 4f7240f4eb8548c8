package dev.dualwrite.jdbc;

import java.sql.*;

/**
 * Forwards every {@code CallableStatement} method to a delegate. Generated from the interface; subclasses
 * override the methods that carry SQL or parameters.
 */
@SuppressWarnings({"deprecation", "overloads"})
abstract class DelegatingCallableStatement extends DualWritePreparedStatement implements CallableStatement {
    CallableStatement callableStatement;

    DelegatingCallableStatement(DualWriteConnection connection, String sql, dev.dualwrite.core.rewrite.Plan plan,
            CallableStatement callableStatement,
            Preparation preparation) throws SQLException {
        super(connection, sql, plan, callableStatement, preparation);
        this.callableStatement = callableStatement;
    }

    @Override
    public void registerOutParameter(int p0, int p1) throws SQLException {
        callableStatement.registerOutParameter(p0, p1);
    }

    @Override
    public void registerOutParameter(int p0, int p1, int p2) throws SQLException {
        callableStatement.registerOutParameter(p0, p1, p2);
    }

    @Override
    public boolean wasNull() throws SQLException {
        return callableStatement.wasNull();
    }

    @Override
    public String getString(int p0) throws SQLException {
        return callableStatement.getString(p0);
    }

    @Override
    public boolean getBoolean(int p0) throws SQLException {
        return callableStatement.getBoolean(p0);
    }

    @Override
    public byte getByte(int p0) throws SQLException {
        return callableStatement.getByte(p0);
    }

    @Override
    public short getShort(int p0) throws SQLException {
        return callableStatement.getShort(p0);
    }

    @Override
    public int getInt(int p0) throws SQLException {
        return callableStatement.getInt(p0);
    }

    @Override
    public long getLong(int p0) throws SQLException {
        return callableStatement.getLong(p0);
    }

    @Override
    public float getFloat(int p0) throws SQLException {
        return callableStatement.getFloat(p0);
    }

    @Override
    public double getDouble(int p0) throws SQLException {
        return callableStatement.getDouble(p0);
    }

    @Override
    public java.math.BigDecimal getBigDecimal(int p0, int p1) throws SQLException {
        return callableStatement.getBigDecimal(p0, p1);
    }

    @Override
    public byte[] getBytes(int p0) throws SQLException {
        return callableStatement.getBytes(p0);
    }

    @Override
    public Date getDate(int p0) throws SQLException {
        return callableStatement.getDate(p0);
    }

    @Override
    public Time getTime(int p0) throws SQLException {
        return callableStatement.getTime(p0);
    }

    @Override
    public Timestamp getTimestamp(int p0) throws SQLException {
        return callableStatement.getTimestamp(p0);
    }

    @Override
    public Object getObject(int p0) throws SQLException {
        return callableStatement.getObject(p0);
    }

    @Override
    public java.math.BigDecimal getBigDecimal(int p0) throws SQLException {
        return callableStatement.getBigDecimal(p0);
    }

    @Override
    public Object getObject(int p0, java.util.Map<String, Class<?>> p1) throws SQLException {
        return callableStatement.getObject(p0, p1);
    }

    @Override
    public Ref getRef(int p0) throws SQLException {
        return callableStatement.getRef(p0);
    }

    @Override
    public Blob getBlob(int p0) throws SQLException {
        return callableStatement.getBlob(p0);
    }

    @Override
    public Clob getClob(int p0) throws SQLException {
        return callableStatement.getClob(p0);
    }

    @Override
    public Array getArray(int p0) throws SQLException {
        return callableStatement.getArray(p0);
    }

    @Override
    public Date getDate(int p0, java.util.Calendar p1) throws SQLException {
        return callableStatement.getDate(p0, p1);
    }

    @Override
    public Time getTime(int p0, java.util.Calendar p1) throws SQLException {
        return callableStatement.getTime(p0, p1);
    }

    @Override
    public Timestamp getTimestamp(int p0, java.util.Calendar p1) throws SQLException {
        return callableStatement.getTimestamp(p0, p1);
    }

    @Override
    public void registerOutParameter(int p0, int p1, String p2) throws SQLException {
        callableStatement.registerOutParameter(p0, p1, p2);
    }

    @Override
    public void registerOutParameter(String p0, int p1) throws SQLException {
        callableStatement.registerOutParameter(p0, p1);
    }

    @Override
    public void registerOutParameter(String p0, int p1, int p2) throws SQLException {
        callableStatement.registerOutParameter(p0, p1, p2);
    }

    @Override
    public void registerOutParameter(String p0, int p1, String p2) throws SQLException {
        callableStatement.registerOutParameter(p0, p1, p2);
    }

    @Override
    public java.net.URL getURL(int p0) throws SQLException {
        return callableStatement.getURL(p0);
    }

    @Override
    public void setURL(String p0, java.net.URL p1) throws SQLException {
        callableStatement.setURL(p0, p1);
    }

    @Override
    public void setNull(String p0, int p1) throws SQLException {
        callableStatement.setNull(p0, p1);
    }

    @Override
    public void setBoolean(String p0, boolean p1) throws SQLException {
        callableStatement.setBoolean(p0, p1);
    }

    @Override
    public void setByte(String p0, byte p1) throws SQLException {
        callableStatement.setByte(p0, p1);
    }

    @Override
    public void setShort(String p0, short p1) throws SQLException {
        callableStatement.setShort(p0, p1);
    }

    @Override
    public void setInt(String p0, int p1) throws SQLException {
        callableStatement.setInt(p0, p1);
    }

    @Override
    public void setLong(String p0, long p1) throws SQLException {
        callableStatement.setLong(p0, p1);
    }

    @Override
    public void setFloat(String p0, float p1) throws SQLException {
        callableStatement.setFloat(p0, p1);
    }

    @Override
    public void setDouble(String p0, double p1) throws SQLException {
        callableStatement.setDouble(p0, p1);
    }

    @Override
    public void setBigDecimal(String p0, java.math.BigDecimal p1) throws SQLException {
        callableStatement.setBigDecimal(p0, p1);
    }

    @Override
    public void setString(String p0, String p1) throws SQLException {
        callableStatement.setString(p0, p1);
    }

    @Override
    public void setBytes(String p0, byte[] p1) throws SQLException {
        callableStatement.setBytes(p0, p1);
    }

    @Override
    public void setDate(String p0, Date p1) throws SQLException {
        callableStatement.setDate(p0, p1);
    }

    @Override
    public void setTime(String p0, Time p1) throws SQLException {
        callableStatement.setTime(p0, p1);
    }

    @Override
    public void setTimestamp(String p0, Timestamp p1) throws SQLException {
        callableStatement.setTimestamp(p0, p1);
    }

    @Override
    public void setAsciiStream(String p0, java.io.InputStream p1, int p2) throws SQLException {
        callableStatement.setAsciiStream(p0, p1, p2);
    }

    @Override
    public void setBinaryStream(String p0, java.io.InputStream p1, int p2) throws SQLException {
        callableStatement.setBinaryStream(p0, p1, p2);
    }

    @Override
    public void setObject(String p0, Object p1, int p2, int p3) throws SQLException {
        callableStatement.setObject(p0, p1, p2, p3);
    }

    @Override
    public void setObject(String p0, Object p1, int p2) throws SQLException {
        callableStatement.setObject(p0, p1, p2);
    }

    @Override
    public void setObject(String p0, Object p1) throws SQLException {
        callableStatement.setObject(p0, p1);
    }

    @Override
    public void setCharacterStream(String p0, java.io.Reader p1, int p2) throws SQLException {
        callableStatement.setCharacterStream(p0, p1, p2);
    }

    @Override
    public void setDate(String p0, Date p1, java.util.Calendar p2) throws SQLException {
        callableStatement.setDate(p0, p1, p2);
    }

    @Override
    public void setTime(String p0, Time p1, java.util.Calendar p2) throws SQLException {
        callableStatement.setTime(p0, p1, p2);
    }

    @Override
    public void setTimestamp(String p0, Timestamp p1, java.util.Calendar p2) throws SQLException {
        callableStatement.setTimestamp(p0, p1, p2);
    }

    @Override
    public void setNull(String p0, int p1, String p2) throws SQLException {
        callableStatement.setNull(p0, p1, p2);
    }

    @Override
    public String getString(String p0) throws SQLException {
        return callableStatement.getString(p0);
    }

    @Override
    public boolean getBoolean(String p0) throws SQLException {
        return callableStatement.getBoolean(p0);
    }

    @Override
    public byte getByte(String p0) throws SQLException {
        return callableStatement.getByte(p0);
    }

    @Override
    public short getShort(String p0) throws SQLException {
        return callableStatement.getShort(p0);
    }

    @Override
    public int getInt(String p0) throws SQLException {
        return callableStatement.getInt(p0);
    }

    @Override
    public long getLong(String p0) throws SQLException {
        return callableStatement.getLong(p0);
    }

    @Override
    public float getFloat(String p0) throws SQLException {
        return callableStatement.getFloat(p0);
    }

    @Override
    public double getDouble(String p0) throws SQLException {
        return callableStatement.getDouble(p0);
    }

    @Override
    public byte[] getBytes(String p0) throws SQLException {
        return callableStatement.getBytes(p0);
    }

    @Override
    public Date getDate(String p0) throws SQLException {
        return callableStatement.getDate(p0);
    }

    @Override
    public Time getTime(String p0) throws SQLException {
        return callableStatement.getTime(p0);
    }

    @Override
    public Timestamp getTimestamp(String p0) throws SQLException {
        return callableStatement.getTimestamp(p0);
    }

    @Override
    public Object getObject(String p0) throws SQLException {
        return callableStatement.getObject(p0);
    }

    @Override
    public java.math.BigDecimal getBigDecimal(String p0) throws SQLException {
        return callableStatement.getBigDecimal(p0);
    }

    @Override
    public Object getObject(String p0, java.util.Map<String, Class<?>> p1) throws SQLException {
        return callableStatement.getObject(p0, p1);
    }

    @Override
    public Ref getRef(String p0) throws SQLException {
        return callableStatement.getRef(p0);
    }

    @Override
    public Blob getBlob(String p0) throws SQLException {
        return callableStatement.getBlob(p0);
    }

    @Override
    public Clob getClob(String p0) throws SQLException {
        return callableStatement.getClob(p0);
    }

    @Override
    public Array getArray(String p0) throws SQLException {
        return callableStatement.getArray(p0);
    }

    @Override
    public Date getDate(String p0, java.util.Calendar p1) throws SQLException {
        return callableStatement.getDate(p0, p1);
    }

    @Override
    public Time getTime(String p0, java.util.Calendar p1) throws SQLException {
        return callableStatement.getTime(p0, p1);
    }

    @Override
    public Timestamp getTimestamp(String p0, java.util.Calendar p1) throws SQLException {
        return callableStatement.getTimestamp(p0, p1);
    }

    @Override
    public java.net.URL getURL(String p0) throws SQLException {
        return callableStatement.getURL(p0);
    }

    @Override
    public RowId getRowId(int p0) throws SQLException {
        return callableStatement.getRowId(p0);
    }

    @Override
    public RowId getRowId(String p0) throws SQLException {
        return callableStatement.getRowId(p0);
    }

    @Override
    public void setRowId(String p0, RowId p1) throws SQLException {
        callableStatement.setRowId(p0, p1);
    }

    @Override
    public void setNString(String p0, String p1) throws SQLException {
        callableStatement.setNString(p0, p1);
    }

    @Override
    public void setNCharacterStream(String p0, java.io.Reader p1, long p2) throws SQLException {
        callableStatement.setNCharacterStream(p0, p1, p2);
    }

    @Override
    public void setNClob(String p0, NClob p1) throws SQLException {
        callableStatement.setNClob(p0, p1);
    }

    @Override
    public void setClob(String p0, java.io.Reader p1, long p2) throws SQLException {
        callableStatement.setClob(p0, p1, p2);
    }

    @Override
    public void setBlob(String p0, java.io.InputStream p1, long p2) throws SQLException {
        callableStatement.setBlob(p0, p1, p2);
    }

    @Override
    public void setNClob(String p0, java.io.Reader p1, long p2) throws SQLException {
        callableStatement.setNClob(p0, p1, p2);
    }

    @Override
    public NClob getNClob(int p0) throws SQLException {
        return callableStatement.getNClob(p0);
    }

    @Override
    public NClob getNClob(String p0) throws SQLException {
        return callableStatement.getNClob(p0);
    }

    @Override
    public void setSQLXML(String p0, SQLXML p1) throws SQLException {
        callableStatement.setSQLXML(p0, p1);
    }

    @Override
    public SQLXML getSQLXML(int p0) throws SQLException {
        return callableStatement.getSQLXML(p0);
    }

    @Override
    public SQLXML getSQLXML(String p0) throws SQLException {
        return callableStatement.getSQLXML(p0);
    }

    @Override
    public String getNString(int p0) throws SQLException {
        return callableStatement.getNString(p0);
    }

    @Override
    public String getNString(String p0) throws SQLException {
        return callableStatement.getNString(p0);
    }

    @Override
    public java.io.Reader getNCharacterStream(int p0) throws SQLException {
        return callableStatement.getNCharacterStream(p0);
    }

    @Override
    public java.io.Reader getNCharacterStream(String p0) throws SQLException {
        return callableStatement.getNCharacterStream(p0);
    }

    @Override
    public java.io.Reader getCharacterStream(int p0) throws SQLException {
        return callableStatement.getCharacterStream(p0);
    }

    @Override
    public java.io.Reader getCharacterStream(String p0) throws SQLException {
        return callableStatement.getCharacterStream(p0);
    }

    @Override
    public void setBlob(String p0, Blob p1) throws SQLException {
        callableStatement.setBlob(p0, p1);
    }

    @Override
    public void setClob(String p0, Clob p1) throws SQLException {
        callableStatement.setClob(p0, p1);
    }

    @Override
    public void setAsciiStream(String p0, java.io.InputStream p1, long p2) throws SQLException {
        callableStatement.setAsciiStream(p0, p1, p2);
    }

    @Override
    public void setBinaryStream(String p0, java.io.InputStream p1, long p2) throws SQLException {
        callableStatement.setBinaryStream(p0, p1, p2);
    }

    @Override
    public void setCharacterStream(String p0, java.io.Reader p1, long p2) throws SQLException {
        callableStatement.setCharacterStream(p0, p1, p2);
    }

    @Override
    public void setAsciiStream(String p0, java.io.InputStream p1) throws SQLException {
        callableStatement.setAsciiStream(p0, p1);
    }

    @Override
    public void setBinaryStream(String p0, java.io.InputStream p1) throws SQLException {
        callableStatement.setBinaryStream(p0, p1);
    }

    @Override
    public void setCharacterStream(String p0, java.io.Reader p1) throws SQLException {
        callableStatement.setCharacterStream(p0, p1);
    }

    @Override
    public void setNCharacterStream(String p0, java.io.Reader p1) throws SQLException {
        callableStatement.setNCharacterStream(p0, p1);
    }

    @Override
    public void setClob(String p0, java.io.Reader p1) throws SQLException {
        callableStatement.setClob(p0, p1);
    }

    @Override
    public void setBlob(String p0, java.io.InputStream p1) throws SQLException {
        callableStatement.setBlob(p0, p1);
    }

    @Override
    public void setNClob(String p0, java.io.Reader p1) throws SQLException {
        callableStatement.setNClob(p0, p1);
    }

    @Override
    public <T> T getObject(int p0, Class<T> p1) throws SQLException {
        return callableStatement.getObject(p0, p1);
    }

    @Override
    public <T> T getObject(String p0, Class<T> p1) throws SQLException {
        return callableStatement.getObject(p0, p1);
    }

    @Override
    public void setObject(String p0, Object p1, SQLType p2, int p3) throws SQLException {
        callableStatement.setObject(p0, p1, p2, p3);
    }

    @Override
    public void setObject(String p0, Object p1, SQLType p2) throws SQLException {
        callableStatement.setObject(p0, p1, p2);
    }

    @Override
    public void registerOutParameter(int p0, SQLType p1) throws SQLException {
        callableStatement.registerOutParameter(p0, p1);
    }

    @Override
    public void registerOutParameter(int p0, SQLType p1, int p2) throws SQLException {
        callableStatement.registerOutParameter(p0, p1, p2);
    }

    @Override
    public void registerOutParameter(int p0, SQLType p1, String p2) throws SQLException {
        callableStatement.registerOutParameter(p0, p1, p2);
    }

    @Override
    public void registerOutParameter(String p0, SQLType p1) throws SQLException {
        callableStatement.registerOutParameter(p0, p1);
    }

    @Override
    public void registerOutParameter(String p0, SQLType p1, int p2) throws SQLException {
        callableStatement.registerOutParameter(p0, p1, p2);
    }

    @Override
    public void registerOutParameter(String p0, SQLType p1, String p2) throws SQLException {
        callableStatement.registerOutParameter(p0, p1, p2);
    }

}
