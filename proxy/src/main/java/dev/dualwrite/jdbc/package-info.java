/**
 * The JDBC door: the {@code jdbc:dualwrite:} driver ({@link dev.dualwrite.jdbc.DualWriteDriver}), the data source and
 * connection wrappers ({@link dev.dualwrite.jdbc.DualWrite}), and the statements behind them.
 *
 * <h2>How a statement flows through it</h2>
 * <ol>
 *   <li>A connection is wrapped where it is born (the URL driver, a wrapped data source, {@code DualWrite.wrap}, or the
 *       agent). All connections to one database under one configuration share a {@code Database}: the rewrite engine
 *       with its plan caches, and a {@code JdbcCatalog}, the column lists read from {@code DatabaseMetaData} that
 *       {@code SELECT *} expansion needs.</li>
 *   <li>Every text the application hands over ({@code prepare*}, {@code execute*}, {@code addBatch}, {@code nativeSQL})
 *       is planned by the engine: a plan is the physical text, a parameter map, or a rejection, which becomes an
 *       {@code SQLException} before anything reaches the database.</li>
 *   <li>A {@code Statement} runs the physical text through one helper that also counts the execution for the old-name
 *       report and drops the catalog when the text was DDL. A prepared statement keeps its plan, and checks before every
 *       execution that it is still current; after a phase change it is prepared again and everything the application
 *       bound is bound again.</li>
 *   <li>Parameters ({@code Parameters}, {@code CallParameters}) are recorded ({@code Bindings}) and bound where the
 *       plan's parameter map says, with the setter the application called; streams are read through a
 *       {@code Recorded} cursor so that a second binding has their content.</li>
 *   <li>Every exception the driver throws through one of these objects passes one funnel, the connection's
 *       {@code failed}: an unknown column makes the catalog check its lists again, and an execution whose plan was
 *       built on stale lists runs once more with fresh ones.</li>
 * </ol>
 *
 * <h2>What is written by hand and what is generated</h2>
 * The abstract {@code Rewriting*} classes and {@code StatementResultSet} hold only behaviour. The final classes the
 * application gets ({@code DualWriteConnection}, {@code DualWriteStatement}, {@code DualWritePreparedStatement},
 * {@code DualWriteCallableStatement}, {@code DualWriteResultSet}) are written at build time by the annotation processor
 * of the {@code proxy-codegen} module, from each abstract class's {@code @ForwardingLeaf}: every interface method the
 * abstract class does not implement calls the driver's object (or {@code Parameters}/{@code CallParameters} for the
 * methods they declare), its exceptions through the funnel. To change what a method does, implement it in the abstract
 * class; the generated class then leaves it alone.
 */
package dev.dualwrite.jdbc;
