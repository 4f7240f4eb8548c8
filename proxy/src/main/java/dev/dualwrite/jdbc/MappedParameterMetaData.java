package dev.dualwrite.jdbc;

import dev.dualwrite.core.rewrite.ParameterMap;
import java.sql.ParameterMetaData;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Parameter metadata in the application's numbering: the count is the application's, and each parameter is described
 * by the first physical parameter it is bound to. A parameter whose value is dropped (it wrote a dropped column) has no
 * physical counterpart and is described as a nullable VARCHAR, which every binding accepts.
 */
final class MappedParameterMetaData implements ParameterMetaData {
    private final ParameterMetaData physical;
    private final ParameterMap map;

    MappedParameterMetaData(ParameterMetaData physical, ParameterMap map) {
        this.physical = physical;
        this.map = map;
    }

    private int target(int param) throws SQLException {
        if (param < 1 || param > map.applicationCount()) {
            throw new SQLException("parameter index " + param + " is out of range; the statement has "
                    + map.applicationCount() + " parameters", "22023");
        }
        int[] p = map.physical(param);
        return p.length == 0 ? 0 : p[0];
    }

    @Override
    public int getParameterCount() {
        return map.applicationCount();
    }

    @Override
    public int isNullable(int param) throws SQLException {
        int p = target(param);
        return p == 0 ? parameterNullable : physical.isNullable(p);
    }

    @Override
    public boolean isSigned(int param) throws SQLException {
        int p = target(param);
        return p != 0 && physical.isSigned(p);
    }

    @Override
    public int getPrecision(int param) throws SQLException {
        int p = target(param);
        return p == 0 ? 0 : physical.getPrecision(p);
    }

    @Override
    public int getScale(int param) throws SQLException {
        int p = target(param);
        return p == 0 ? 0 : physical.getScale(p);
    }

    @Override
    public int getParameterType(int param) throws SQLException {
        int p = target(param);
        return p == 0 ? Types.VARCHAR : physical.getParameterType(p);
    }

    @Override
    public String getParameterTypeName(int param) throws SQLException {
        int p = target(param);
        return p == 0 ? "VARCHAR" : physical.getParameterTypeName(p);
    }

    @Override
    public String getParameterClassName(int param) throws SQLException {
        int p = target(param);
        return p == 0 ? String.class.getName() : physical.getParameterClassName(p);
    }

    @Override
    public int getParameterMode(int param) throws SQLException {
        int p = target(param);
        return p == 0 ? parameterModeIn : physical.getParameterMode(p);
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : physical.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || physical.isWrapperFor(iface);
    }
}
