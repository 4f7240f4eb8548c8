package dev.dualwrite.jdbc.codegen;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Asks for the final class that completes the annotated abstract class. The generated class, {@link #name()} in the
 * same package, extends it and implements every method of the interface {@link #of()} (declared or inherited, default
 * methods included) that the annotated class and its superclasses leave unimplemented, by calling the same method with
 * the same arguments on the object in the field {@link #to()}. A {@code SQLException} thrown by that call goes through
 * the annotated class's {@code SQLException failed(SQLException)} (the one error funnel) and the exception it returns
 * is thrown. A method that the type of one of the fields {@link #via()} declares with the same parameters goes to that
 * field's method instead of {@link #to()}: behaviour kept in a class of its own (the parameters of a statement, say) is
 * wired in without a hand-written forwarding method. The generated class has one constructor per non-private
 * constructor of the annotated class.
 *
 * <p>So the annotated class holds only behaviour, and the forwarding boilerplate cannot drift from the interface: a
 * method added to the interface by a newer JDK is forwarded by the next build.
 */
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE)
public @interface ForwardingLeaf {
    /** The generated class's simple name. */
    String name();

    /** The interface whose methods are forwarded. */
    Class<?> of();

    /** The field (of the annotated class or a superclass) holding the object calls are forwarded to. */
    String to();

    /**
     * Fields (of the annotated class or a superclass) whose types take the interface's methods they declare; the first
     * that declares one takes it.
     */
    String[] via() default {};

    /** Whether the generated class is public (it is package-private otherwise). */
    boolean isPublic() default false;
}
