; Included by electron-builder's NSIS installer (electron-builder.yml, nsis.include): the `lagoon` command on Windows.
; The installer asks whether to put <install dir>\resources\bin (lagoon.cmd) on the user's PATH; the uninstaller
; takes it off again. Per user (HKCU), like the install itself (perMachine: false). A silent install (/S) adds it.
;
; NSIS reads a registry string into at most NSIS_MAX_STRLEN characters: a PATH that might not fit is left alone
; (writing a cut one back would lose the user's entries), and the installer says how to add the folder by hand.

!include WinMessages.nsh
!define LAGOON_CLI_DIR "$INSTDIR\resources\bin"

!macro customInstall
  MessageBox MB_YESNO|MB_ICONQUESTION "Add the lagoon command to your PATH?$\r$\n$\r$\nTerminals and scripts can then run Lagoon's command line, for example: lagoon list" /SD IDYES IDNO lagoon_path_done
  ReadRegStr $0 HKCU "Environment" "Path"
  ; PATH, ";" and the folder must fit, with room to tell a PATH that fits from one that was cut at the limit.
  StrLen $2 "${LAGOON_CLI_DIR}"
  StrLen $1 $0
  IntOp $1 $1 + $2
  IntOp $1 $1 + 2
  IntCmp $1 ${NSIS_MAX_STRLEN} lagoon_path_too_long 0 lagoon_path_too_long
  ; Already on it (a reinstall or an update): nothing to do. The folder is always the last entry we wrote.
  StrCpy $3 $0 "" -$2
  StrCmp $3 "${LAGOON_CLI_DIR}" lagoon_path_done
  StrCmp $0 "" 0 +3
  WriteRegExpandStr HKCU "Environment" "Path" "${LAGOON_CLI_DIR}"
  Goto lagoon_path_changed
  WriteRegExpandStr HKCU "Environment" "Path" "$0;${LAGOON_CLI_DIR}"
  lagoon_path_changed:
  ; New terminals see the change without signing out.
  SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
  Goto lagoon_path_done
  lagoon_path_too_long:
  MessageBox MB_OK|MB_ICONINFORMATION "Your PATH is too long for the installer to change safely. To use the lagoon command, add this folder to it in Windows' settings:$\r$\n${LAGOON_CLI_DIR}" /SD IDOK
  lagoon_path_done:
!macroend

!macro customUnInstall
  ReadRegStr $0 HKCU "Environment" "Path"
  ; A PATH that may have been cut at the limit is not written back.
  StrLen $1 $0
  IntOp $1 $1 + 1
  IntCmp $1 ${NSIS_MAX_STRLEN} lagoon_unpath_done 0 lagoon_unpath_done
  StrCmp $0 "${LAGOON_CLI_DIR}" 0 +3
  DeleteRegValue HKCU "Environment" "Path"
  Goto lagoon_unpath_changed
  ; What customInstall wrote: ";<dir>" at the end. Anything else is the user's and stays as it is.
  StrLen $2 ";${LAGOON_CLI_DIR}"
  StrCpy $3 $0 "" -$2
  StrCmp $3 ";${LAGOON_CLI_DIR}" 0 lagoon_unpath_done
  StrLen $1 $0
  IntOp $1 $1 - $2
  StrCpy $0 $0 $1
  WriteRegExpandStr HKCU "Environment" "Path" $0
  lagoon_unpath_changed:
  SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
  lagoon_unpath_done:
!macroend
