/**
 * The fleet commands: what moves every instance of an application through a window's phases together, through the
 * control tables that each door polls. {@code Init} creates those tables; {@code DeclareWindow} and
 * {@code RemoveWindow} start and end windows; {@code PhaseMove} moves a rename window one phase at a time; and
 * {@code Status} (rendered by {@code StatusText} for a person and {@code StatusJson} for a script) tells what every
 * instance applies and whether the old column may go. Each command is one class over the {@code Fleet} it works on.
 * The safety rules that depend on the live instances are in {@code FleetGate}: a move forward waits for, or is refused
 * because of, an instance that does not apply the current phase yet, and instances gone silent are left out. A command
 * changes the windows in one transaction of the control module's {@code WindowChanges}, and the doors pick the change
 * up at their next poll.
 */
package dev.dualwrite.ops.fleet;
