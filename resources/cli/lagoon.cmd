@echo off
rem `lagoon` for the installed app on Windows (the installer puts this folder on the PATH if asked): runs
rem Lagoon.exe, which runs the command headless and writes to this console. A batch file waits for Lagoon.exe
rem to end (a console would not wait for a windowed program), so its exit code is the exit code of lagoon.
"%~dp0..\..\Lagoon.exe" --lagoon-cli %*
exit /b %ERRORLEVEL%
