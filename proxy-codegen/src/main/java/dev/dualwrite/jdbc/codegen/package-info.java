/**
 * Build-time code generation for the JDBC door. {@link dev.dualwrite.jdbc.codegen.ForwardingLeaf} on an abstract class
 * asks for its final subclass; {@link dev.dualwrite.jdbc.codegen.ForwardingLeafProcessor}, run by the compiler while
 * the door is compiled, writes it: the methods of a JDBC interface the abstract class leaves unimplemented, each one a
 * call of the same method on the driver's object with its exception through the class's error funnel. Nothing here is
 * on the class path of an application.
 */
package dev.dualwrite.jdbc.codegen;
