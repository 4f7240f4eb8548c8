package dev.dualwrite.spring;

import dev.dualwrite.jdbc.DualWriteDataSource;
import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.ListableBeanFactory;

/**
 * The data sources of the application that go through dualwrite, by bean name: those the starter wrapped, and those
 * wrapped by hand or inside another wrapper (a decorator, a transaction-aware proxy), each once.
 */
public final class DualWriteDataSources {
    private final ListableBeanFactory beans;
    private volatile Map<String, DualWriteDataSource> found;

    DualWriteDataSources(ListableBeanFactory beans) {
        this.beans = beans;
    }

    /**
     * Bean name to dualwrite data source, in the order the beans were defined. Looked up once, on first use, which
     * is after the application's beans exist (metrics are bound, endpoints and health asked, only then).
     */
    public Map<String, DualWriteDataSource> byBeanName() {
        Map<String, DualWriteDataSource> f = found;
        if (f == null) {
            f = lookUp();
            found = f;
        }
        return f;
    }

    private Map<String, DualWriteDataSource> lookUp() {
        Map<String, DualWriteDataSource> out = new LinkedHashMap<>();
        Set<DualWriteDataSource> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Map.Entry<String, DataSource> e : beans.getBeansOfType(DataSource.class, false, true).entrySet()) {
            if (ScopedProxyUtils.isScopedTarget(e.getKey())) {
                continue;
            }
            DualWriteDataSource d = unwrap(e.getValue());
            if (d != null && seen.add(d)) {
                out.put(e.getKey(), d);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static DualWriteDataSource unwrap(DataSource ds) {
        if (ds instanceof DualWriteDataSource d) {
            return d;
        }
        try {
            return ds.isWrapperFor(DualWriteDataSource.class) ? ds.unwrap(DualWriteDataSource.class) : null;
        } catch (SQLException | RuntimeException e) {
            return null;
        }
    }
}
