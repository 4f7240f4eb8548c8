package dev.dualwrite.jdbc;

import java.sql.*;

/**
 * Forwards every {@code ResultSet} method to a delegate. Generated from the interface; subclasses
 * override the methods that carry SQL or parameters.
 */
@SuppressWarnings({"deprecation", "overloads"})
abstract class DelegatingResultSet implements ResultSet {
    ResultSet resultSet;

    DelegatingResultSet(ResultSet resultSet) {
        this.resultSet = resultSet;
    }

    @Override
    public boolean next() throws SQLException {
        return resultSet.next();
    }

    @Override
    public void close() throws SQLException {
        resultSet.close();
    }

    @Override
    public boolean wasNull() throws SQLException {
        return resultSet.wasNull();
    }

    @Override
    public String getString(int p0) throws SQLException {
        return resultSet.getString(p0);
    }

    @Override
    public boolean getBoolean(int p0) throws SQLException {
        return resultSet.getBoolean(p0);
    }

    @Override
    public byte getByte(int p0) throws SQLException {
        return resultSet.getByte(p0);
    }

    @Override
    public short getShort(int p0) throws SQLException {
        return resultSet.getShort(p0);
    }

    @Override
    public int getInt(int p0) throws SQLException {
        return resultSet.getInt(p0);
    }

    @Override
    public long getLong(int p0) throws SQLException {
        return resultSet.getLong(p0);
    }

    @Override
    public float getFloat(int p0) throws SQLException {
        return resultSet.getFloat(p0);
    }

    @Override
    public double getDouble(int p0) throws SQLException {
        return resultSet.getDouble(p0);
    }

    @Override
    public java.math.BigDecimal getBigDecimal(int p0, int p1) throws SQLException {
        return resultSet.getBigDecimal(p0, p1);
    }

    @Override
    public byte[] getBytes(int p0) throws SQLException {
        return resultSet.getBytes(p0);
    }

    @Override
    public Date getDate(int p0) throws SQLException {
        return resultSet.getDate(p0);
    }

    @Override
    public Time getTime(int p0) throws SQLException {
        return resultSet.getTime(p0);
    }

    @Override
    public Timestamp getTimestamp(int p0) throws SQLException {
        return resultSet.getTimestamp(p0);
    }

    @Override
    public java.io.InputStream getAsciiStream(int p0) throws SQLException {
        return resultSet.getAsciiStream(p0);
    }

    @Override
    public java.io.InputStream getUnicodeStream(int p0) throws SQLException {
        return resultSet.getUnicodeStream(p0);
    }

    @Override
    public java.io.InputStream getBinaryStream(int p0) throws SQLException {
        return resultSet.getBinaryStream(p0);
    }

    @Override
    public String getString(String p0) throws SQLException {
        return resultSet.getString(p0);
    }

    @Override
    public boolean getBoolean(String p0) throws SQLException {
        return resultSet.getBoolean(p0);
    }

    @Override
    public byte getByte(String p0) throws SQLException {
        return resultSet.getByte(p0);
    }

    @Override
    public short getShort(String p0) throws SQLException {
        return resultSet.getShort(p0);
    }

    @Override
    public int getInt(String p0) throws SQLException {
        return resultSet.getInt(p0);
    }

    @Override
    public long getLong(String p0) throws SQLException {
        return resultSet.getLong(p0);
    }

    @Override
    public float getFloat(String p0) throws SQLException {
        return resultSet.getFloat(p0);
    }

    @Override
    public double getDouble(String p0) throws SQLException {
        return resultSet.getDouble(p0);
    }

    @Override
    public java.math.BigDecimal getBigDecimal(String p0, int p1) throws SQLException {
        return resultSet.getBigDecimal(p0, p1);
    }

    @Override
    public byte[] getBytes(String p0) throws SQLException {
        return resultSet.getBytes(p0);
    }

    @Override
    public Date getDate(String p0) throws SQLException {
        return resultSet.getDate(p0);
    }

    @Override
    public Time getTime(String p0) throws SQLException {
        return resultSet.getTime(p0);
    }

    @Override
    public Timestamp getTimestamp(String p0) throws SQLException {
        return resultSet.getTimestamp(p0);
    }

    @Override
    public java.io.InputStream getAsciiStream(String p0) throws SQLException {
        return resultSet.getAsciiStream(p0);
    }

    @Override
    public java.io.InputStream getUnicodeStream(String p0) throws SQLException {
        return resultSet.getUnicodeStream(p0);
    }

    @Override
    public java.io.InputStream getBinaryStream(String p0) throws SQLException {
        return resultSet.getBinaryStream(p0);
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        return resultSet.getWarnings();
    }

    @Override
    public void clearWarnings() throws SQLException {
        resultSet.clearWarnings();
    }

    @Override
    public String getCursorName() throws SQLException {
        return resultSet.getCursorName();
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        return resultSet.getMetaData();
    }

    @Override
    public Object getObject(int p0) throws SQLException {
        return resultSet.getObject(p0);
    }

    @Override
    public Object getObject(String p0) throws SQLException {
        return resultSet.getObject(p0);
    }

    @Override
    public int findColumn(String p0) throws SQLException {
        return resultSet.findColumn(p0);
    }

    @Override
    public java.io.Reader getCharacterStream(int p0) throws SQLException {
        return resultSet.getCharacterStream(p0);
    }

    @Override
    public java.io.Reader getCharacterStream(String p0) throws SQLException {
        return resultSet.getCharacterStream(p0);
    }

    @Override
    public java.math.BigDecimal getBigDecimal(int p0) throws SQLException {
        return resultSet.getBigDecimal(p0);
    }

    @Override
    public java.math.BigDecimal getBigDecimal(String p0) throws SQLException {
        return resultSet.getBigDecimal(p0);
    }

    @Override
    public boolean isBeforeFirst() throws SQLException {
        return resultSet.isBeforeFirst();
    }

    @Override
    public boolean isAfterLast() throws SQLException {
        return resultSet.isAfterLast();
    }

    @Override
    public boolean isFirst() throws SQLException {
        return resultSet.isFirst();
    }

    @Override
    public boolean isLast() throws SQLException {
        return resultSet.isLast();
    }

    @Override
    public void beforeFirst() throws SQLException {
        resultSet.beforeFirst();
    }

    @Override
    public void afterLast() throws SQLException {
        resultSet.afterLast();
    }

    @Override
    public boolean first() throws SQLException {
        return resultSet.first();
    }

    @Override
    public boolean last() throws SQLException {
        return resultSet.last();
    }

    @Override
    public int getRow() throws SQLException {
        return resultSet.getRow();
    }

    @Override
    public boolean absolute(int p0) throws SQLException {
        return resultSet.absolute(p0);
    }

    @Override
    public boolean relative(int p0) throws SQLException {
        return resultSet.relative(p0);
    }

    @Override
    public boolean previous() throws SQLException {
        return resultSet.previous();
    }

    @Override
    public void setFetchDirection(int p0) throws SQLException {
        resultSet.setFetchDirection(p0);
    }

    @Override
    public int getFetchDirection() throws SQLException {
        return resultSet.getFetchDirection();
    }

    @Override
    public void setFetchSize(int p0) throws SQLException {
        resultSet.setFetchSize(p0);
    }

    @Override
    public int getFetchSize() throws SQLException {
        return resultSet.getFetchSize();
    }

    @Override
    public int getType() throws SQLException {
        return resultSet.getType();
    }

    @Override
    public int getConcurrency() throws SQLException {
        return resultSet.getConcurrency();
    }

    @Override
    public boolean rowUpdated() throws SQLException {
        return resultSet.rowUpdated();
    }

    @Override
    public boolean rowInserted() throws SQLException {
        return resultSet.rowInserted();
    }

    @Override
    public boolean rowDeleted() throws SQLException {
        return resultSet.rowDeleted();
    }

    @Override
    public void updateNull(int p0) throws SQLException {
        resultSet.updateNull(p0);
    }

    @Override
    public void updateBoolean(int p0, boolean p1) throws SQLException {
        resultSet.updateBoolean(p0, p1);
    }

    @Override
    public void updateByte(int p0, byte p1) throws SQLException {
        resultSet.updateByte(p0, p1);
    }

    @Override
    public void updateShort(int p0, short p1) throws SQLException {
        resultSet.updateShort(p0, p1);
    }

    @Override
    public void updateInt(int p0, int p1) throws SQLException {
        resultSet.updateInt(p0, p1);
    }

    @Override
    public void updateLong(int p0, long p1) throws SQLException {
        resultSet.updateLong(p0, p1);
    }

    @Override
    public void updateFloat(int p0, float p1) throws SQLException {
        resultSet.updateFloat(p0, p1);
    }

    @Override
    public void updateDouble(int p0, double p1) throws SQLException {
        resultSet.updateDouble(p0, p1);
    }

    @Override
    public void updateBigDecimal(int p0, java.math.BigDecimal p1) throws SQLException {
        resultSet.updateBigDecimal(p0, p1);
    }

    @Override
    public void updateString(int p0, String p1) throws SQLException {
        resultSet.updateString(p0, p1);
    }

    @Override
    public void updateBytes(int p0, byte[] p1) throws SQLException {
        resultSet.updateBytes(p0, p1);
    }

    @Override
    public void updateDate(int p0, Date p1) throws SQLException {
        resultSet.updateDate(p0, p1);
    }

    @Override
    public void updateTime(int p0, Time p1) throws SQLException {
        resultSet.updateTime(p0, p1);
    }

    @Override
    public void updateTimestamp(int p0, Timestamp p1) throws SQLException {
        resultSet.updateTimestamp(p0, p1);
    }

    @Override
    public void updateAsciiStream(int p0, java.io.InputStream p1, int p2) throws SQLException {
        resultSet.updateAsciiStream(p0, p1, p2);
    }

    @Override
    public void updateBinaryStream(int p0, java.io.InputStream p1, int p2) throws SQLException {
        resultSet.updateBinaryStream(p0, p1, p2);
    }

    @Override
    public void updateCharacterStream(int p0, java.io.Reader p1, int p2) throws SQLException {
        resultSet.updateCharacterStream(p0, p1, p2);
    }

    @Override
    public void updateObject(int p0, Object p1, int p2) throws SQLException {
        resultSet.updateObject(p0, p1, p2);
    }

    @Override
    public void updateObject(int p0, Object p1) throws SQLException {
        resultSet.updateObject(p0, p1);
    }

    @Override
    public void updateNull(String p0) throws SQLException {
        resultSet.updateNull(p0);
    }

    @Override
    public void updateBoolean(String p0, boolean p1) throws SQLException {
        resultSet.updateBoolean(p0, p1);
    }

    @Override
    public void updateByte(String p0, byte p1) throws SQLException {
        resultSet.updateByte(p0, p1);
    }

    @Override
    public void updateShort(String p0, short p1) throws SQLException {
        resultSet.updateShort(p0, p1);
    }

    @Override
    public void updateInt(String p0, int p1) throws SQLException {
        resultSet.updateInt(p0, p1);
    }

    @Override
    public void updateLong(String p0, long p1) throws SQLException {
        resultSet.updateLong(p0, p1);
    }

    @Override
    public void updateFloat(String p0, float p1) throws SQLException {
        resultSet.updateFloat(p0, p1);
    }

    @Override
    public void updateDouble(String p0, double p1) throws SQLException {
        resultSet.updateDouble(p0, p1);
    }

    @Override
    public void updateBigDecimal(String p0, java.math.BigDecimal p1) throws SQLException {
        resultSet.updateBigDecimal(p0, p1);
    }

    @Override
    public void updateString(String p0, String p1) throws SQLException {
        resultSet.updateString(p0, p1);
    }

    @Override
    public void updateBytes(String p0, byte[] p1) throws SQLException {
        resultSet.updateBytes(p0, p1);
    }

    @Override
    public void updateDate(String p0, Date p1) throws SQLException {
        resultSet.updateDate(p0, p1);
    }

    @Override
    public void updateTime(String p0, Time p1) throws SQLException {
        resultSet.updateTime(p0, p1);
    }

    @Override
    public void updateTimestamp(String p0, Timestamp p1) throws SQLException {
        resultSet.updateTimestamp(p0, p1);
    }

    @Override
    public void updateAsciiStream(String p0, java.io.InputStream p1, int p2) throws SQLException {
        resultSet.updateAsciiStream(p0, p1, p2);
    }

    @Override
    public void updateBinaryStream(String p0, java.io.InputStream p1, int p2) throws SQLException {
        resultSet.updateBinaryStream(p0, p1, p2);
    }

    @Override
    public void updateCharacterStream(String p0, java.io.Reader p1, int p2) throws SQLException {
        resultSet.updateCharacterStream(p0, p1, p2);
    }

    @Override
    public void updateObject(String p0, Object p1, int p2) throws SQLException {
        resultSet.updateObject(p0, p1, p2);
    }

    @Override
    public void updateObject(String p0, Object p1) throws SQLException {
        resultSet.updateObject(p0, p1);
    }

    @Override
    public void insertRow() throws SQLException {
        resultSet.insertRow();
    }

    @Override
    public void updateRow() throws SQLException {
        resultSet.updateRow();
    }

    @Override
    public void deleteRow() throws SQLException {
        resultSet.deleteRow();
    }

    @Override
    public void refreshRow() throws SQLException {
        resultSet.refreshRow();
    }

    @Override
    public void cancelRowUpdates() throws SQLException {
        resultSet.cancelRowUpdates();
    }

    @Override
    public void moveToInsertRow() throws SQLException {
        resultSet.moveToInsertRow();
    }

    @Override
    public void moveToCurrentRow() throws SQLException {
        resultSet.moveToCurrentRow();
    }

    @Override
    public Statement getStatement() throws SQLException {
        return resultSet.getStatement();
    }

    @Override
    public Object getObject(int p0, java.util.Map<String, Class<?>> p1) throws SQLException {
        return resultSet.getObject(p0, p1);
    }

    @Override
    public Ref getRef(int p0) throws SQLException {
        return resultSet.getRef(p0);
    }

    @Override
    public Blob getBlob(int p0) throws SQLException {
        return resultSet.getBlob(p0);
    }

    @Override
    public Clob getClob(int p0) throws SQLException {
        return resultSet.getClob(p0);
    }

    @Override
    public Array getArray(int p0) throws SQLException {
        return resultSet.getArray(p0);
    }

    @Override
    public Object getObject(String p0, java.util.Map<String, Class<?>> p1) throws SQLException {
        return resultSet.getObject(p0, p1);
    }

    @Override
    public Ref getRef(String p0) throws SQLException {
        return resultSet.getRef(p0);
    }

    @Override
    public Blob getBlob(String p0) throws SQLException {
        return resultSet.getBlob(p0);
    }

    @Override
    public Clob getClob(String p0) throws SQLException {
        return resultSet.getClob(p0);
    }

    @Override
    public Array getArray(String p0) throws SQLException {
        return resultSet.getArray(p0);
    }

    @Override
    public Date getDate(int p0, java.util.Calendar p1) throws SQLException {
        return resultSet.getDate(p0, p1);
    }

    @Override
    public Date getDate(String p0, java.util.Calendar p1) throws SQLException {
        return resultSet.getDate(p0, p1);
    }

    @Override
    public Time getTime(int p0, java.util.Calendar p1) throws SQLException {
        return resultSet.getTime(p0, p1);
    }

    @Override
    public Time getTime(String p0, java.util.Calendar p1) throws SQLException {
        return resultSet.getTime(p0, p1);
    }

    @Override
    public Timestamp getTimestamp(int p0, java.util.Calendar p1) throws SQLException {
        return resultSet.getTimestamp(p0, p1);
    }

    @Override
    public Timestamp getTimestamp(String p0, java.util.Calendar p1) throws SQLException {
        return resultSet.getTimestamp(p0, p1);
    }

    @Override
    public java.net.URL getURL(int p0) throws SQLException {
        return resultSet.getURL(p0);
    }

    @Override
    public java.net.URL getURL(String p0) throws SQLException {
        return resultSet.getURL(p0);
    }

    @Override
    public void updateRef(int p0, Ref p1) throws SQLException {
        resultSet.updateRef(p0, p1);
    }

    @Override
    public void updateRef(String p0, Ref p1) throws SQLException {
        resultSet.updateRef(p0, p1);
    }

    @Override
    public void updateBlob(int p0, Blob p1) throws SQLException {
        resultSet.updateBlob(p0, p1);
    }

    @Override
    public void updateBlob(String p0, Blob p1) throws SQLException {
        resultSet.updateBlob(p0, p1);
    }

    @Override
    public void updateClob(int p0, Clob p1) throws SQLException {
        resultSet.updateClob(p0, p1);
    }

    @Override
    public void updateClob(String p0, Clob p1) throws SQLException {
        resultSet.updateClob(p0, p1);
    }

    @Override
    public void updateArray(int p0, Array p1) throws SQLException {
        resultSet.updateArray(p0, p1);
    }

    @Override
    public void updateArray(String p0, Array p1) throws SQLException {
        resultSet.updateArray(p0, p1);
    }

    @Override
    public RowId getRowId(int p0) throws SQLException {
        return resultSet.getRowId(p0);
    }

    @Override
    public RowId getRowId(String p0) throws SQLException {
        return resultSet.getRowId(p0);
    }

    @Override
    public void updateRowId(int p0, RowId p1) throws SQLException {
        resultSet.updateRowId(p0, p1);
    }

    @Override
    public void updateRowId(String p0, RowId p1) throws SQLException {
        resultSet.updateRowId(p0, p1);
    }

    @Override
    public int getHoldability() throws SQLException {
        return resultSet.getHoldability();
    }

    @Override
    public boolean isClosed() throws SQLException {
        return resultSet.isClosed();
    }

    @Override
    public void updateNString(int p0, String p1) throws SQLException {
        resultSet.updateNString(p0, p1);
    }

    @Override
    public void updateNString(String p0, String p1) throws SQLException {
        resultSet.updateNString(p0, p1);
    }

    @Override
    public void updateNClob(int p0, NClob p1) throws SQLException {
        resultSet.updateNClob(p0, p1);
    }

    @Override
    public void updateNClob(String p0, NClob p1) throws SQLException {
        resultSet.updateNClob(p0, p1);
    }

    @Override
    public NClob getNClob(int p0) throws SQLException {
        return resultSet.getNClob(p0);
    }

    @Override
    public NClob getNClob(String p0) throws SQLException {
        return resultSet.getNClob(p0);
    }

    @Override
    public SQLXML getSQLXML(int p0) throws SQLException {
        return resultSet.getSQLXML(p0);
    }

    @Override
    public SQLXML getSQLXML(String p0) throws SQLException {
        return resultSet.getSQLXML(p0);
    }

    @Override
    public void updateSQLXML(int p0, SQLXML p1) throws SQLException {
        resultSet.updateSQLXML(p0, p1);
    }

    @Override
    public void updateSQLXML(String p0, SQLXML p1) throws SQLException {
        resultSet.updateSQLXML(p0, p1);
    }

    @Override
    public String getNString(int p0) throws SQLException {
        return resultSet.getNString(p0);
    }

    @Override
    public String getNString(String p0) throws SQLException {
        return resultSet.getNString(p0);
    }

    @Override
    public java.io.Reader getNCharacterStream(int p0) throws SQLException {
        return resultSet.getNCharacterStream(p0);
    }

    @Override
    public java.io.Reader getNCharacterStream(String p0) throws SQLException {
        return resultSet.getNCharacterStream(p0);
    }

    @Override
    public void updateNCharacterStream(int p0, java.io.Reader p1, long p2) throws SQLException {
        resultSet.updateNCharacterStream(p0, p1, p2);
    }

    @Override
    public void updateNCharacterStream(String p0, java.io.Reader p1, long p2) throws SQLException {
        resultSet.updateNCharacterStream(p0, p1, p2);
    }

    @Override
    public void updateAsciiStream(int p0, java.io.InputStream p1, long p2) throws SQLException {
        resultSet.updateAsciiStream(p0, p1, p2);
    }

    @Override
    public void updateBinaryStream(int p0, java.io.InputStream p1, long p2) throws SQLException {
        resultSet.updateBinaryStream(p0, p1, p2);
    }

    @Override
    public void updateCharacterStream(int p0, java.io.Reader p1, long p2) throws SQLException {
        resultSet.updateCharacterStream(p0, p1, p2);
    }

    @Override
    public void updateAsciiStream(String p0, java.io.InputStream p1, long p2) throws SQLException {
        resultSet.updateAsciiStream(p0, p1, p2);
    }

    @Override
    public void updateBinaryStream(String p0, java.io.InputStream p1, long p2) throws SQLException {
        resultSet.updateBinaryStream(p0, p1, p2);
    }

    @Override
    public void updateCharacterStream(String p0, java.io.Reader p1, long p2) throws SQLException {
        resultSet.updateCharacterStream(p0, p1, p2);
    }

    @Override
    public void updateBlob(int p0, java.io.InputStream p1, long p2) throws SQLException {
        resultSet.updateBlob(p0, p1, p2);
    }

    @Override
    public void updateBlob(String p0, java.io.InputStream p1, long p2) throws SQLException {
        resultSet.updateBlob(p0, p1, p2);
    }

    @Override
    public void updateClob(int p0, java.io.Reader p1, long p2) throws SQLException {
        resultSet.updateClob(p0, p1, p2);
    }

    @Override
    public void updateClob(String p0, java.io.Reader p1, long p2) throws SQLException {
        resultSet.updateClob(p0, p1, p2);
    }

    @Override
    public void updateNClob(int p0, java.io.Reader p1, long p2) throws SQLException {
        resultSet.updateNClob(p0, p1, p2);
    }

    @Override
    public void updateNClob(String p0, java.io.Reader p1, long p2) throws SQLException {
        resultSet.updateNClob(p0, p1, p2);
    }

    @Override
    public void updateNCharacterStream(int p0, java.io.Reader p1) throws SQLException {
        resultSet.updateNCharacterStream(p0, p1);
    }

    @Override
    public void updateNCharacterStream(String p0, java.io.Reader p1) throws SQLException {
        resultSet.updateNCharacterStream(p0, p1);
    }

    @Override
    public void updateAsciiStream(int p0, java.io.InputStream p1) throws SQLException {
        resultSet.updateAsciiStream(p0, p1);
    }

    @Override
    public void updateBinaryStream(int p0, java.io.InputStream p1) throws SQLException {
        resultSet.updateBinaryStream(p0, p1);
    }

    @Override
    public void updateCharacterStream(int p0, java.io.Reader p1) throws SQLException {
        resultSet.updateCharacterStream(p0, p1);
    }

    @Override
    public void updateAsciiStream(String p0, java.io.InputStream p1) throws SQLException {
        resultSet.updateAsciiStream(p0, p1);
    }

    @Override
    public void updateBinaryStream(String p0, java.io.InputStream p1) throws SQLException {
        resultSet.updateBinaryStream(p0, p1);
    }

    @Override
    public void updateCharacterStream(String p0, java.io.Reader p1) throws SQLException {
        resultSet.updateCharacterStream(p0, p1);
    }

    @Override
    public void updateBlob(int p0, java.io.InputStream p1) throws SQLException {
        resultSet.updateBlob(p0, p1);
    }

    @Override
    public void updateBlob(String p0, java.io.InputStream p1) throws SQLException {
        resultSet.updateBlob(p0, p1);
    }

    @Override
    public void updateClob(int p0, java.io.Reader p1) throws SQLException {
        resultSet.updateClob(p0, p1);
    }

    @Override
    public void updateClob(String p0, java.io.Reader p1) throws SQLException {
        resultSet.updateClob(p0, p1);
    }

    @Override
    public void updateNClob(int p0, java.io.Reader p1) throws SQLException {
        resultSet.updateNClob(p0, p1);
    }

    @Override
    public void updateNClob(String p0, java.io.Reader p1) throws SQLException {
        resultSet.updateNClob(p0, p1);
    }

    @Override
    public <T> T getObject(int p0, Class<T> p1) throws SQLException {
        return resultSet.getObject(p0, p1);
    }

    @Override
    public <T> T getObject(String p0, Class<T> p1) throws SQLException {
        return resultSet.getObject(p0, p1);
    }

    @Override
    public void updateObject(int p0, Object p1, SQLType p2, int p3) throws SQLException {
        resultSet.updateObject(p0, p1, p2, p3);
    }

    @Override
    public void updateObject(String p0, Object p1, SQLType p2, int p3) throws SQLException {
        resultSet.updateObject(p0, p1, p2, p3);
    }

    @Override
    public void updateObject(int p0, Object p1, SQLType p2) throws SQLException {
        resultSet.updateObject(p0, p1, p2);
    }

    @Override
    public void updateObject(String p0, Object p1, SQLType p2) throws SQLException {
        resultSet.updateObject(p0, p1, p2);
    }

}
