@echo off
rem Starts SMOFT CRM Intelligent on http://localhost:8000 (Windows: double-click).
rem Builds the jar first if it is missing. Needs a Java 25 (JAVA_HOME or on the PATH).
cd /d "%~dp0"
set JAR=target\smoft-crm-intelligent.jar
if not exist "%JAR%" (
  echo Building %JAR% - first start only...
  call mvnw.cmd -q package -DskipTests
  if errorlevel 1 goto failed
)
set JAVA=java
if defined JAVA_HOME set JAVA="%JAVA_HOME%\bin\java"
echo Open http://localhost:8000 (web page), http://localhost:8000/docs (API)
rem Spring AOT code built into the jar: a faster start (docs/benchmarks.md).
%JAVA% -Dspring.aot.enabled=true -jar "%JAR%" %*
if errorlevel 1 goto failed
goto :eof
:failed
echo.
echo The service did not start. Read the message above, then press a key.
pause >nul
