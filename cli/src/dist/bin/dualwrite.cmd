@echo off
rem The dualwrite executable of the distribution: runs lib\dualwrite.jar on the java named by JAVA, else on the
rem java of JAVA_HOME, else on the java on the PATH (Java 17 or later). JAVA_OPTS passes options to the JVM.
setlocal
set "JAVA_EXE=java"
if defined JAVA_HOME set "JAVA_EXE=%JAVA_HOME%\bin\java"
if defined JAVA set "JAVA_EXE=%JAVA%"
"%JAVA_EXE%" %JAVA_OPTS% -jar "%~dp0..\lib\dualwrite.jar" %*
