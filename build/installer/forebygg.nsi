; Windows installer of Forebygg Desktop, built from the one-folder bundle with NSIS 3.
;
; Built by build/build_installer.py (`make installer`), which passes the defines below; by hand:
;   makensis -DVERSION=0.1.0 -DVERSION4=0.1.0.0 -DBUNDLE_DIR=<bundle folder>
;            -DOUT_FILE=<setup.exe> -DICON=<forebygg.ico> -DEXE_SUFFIX=.exe build/installer/forebygg.nsi
;
; Who installs, and where:
;   setup.exe                 per user, no administrator rights:
;                             %LOCALAPPDATA%\Programs\Forebygg Desktop, Start-menu entry for
;                             this user, uninstall entry under HKCU
;   setup.exe /ALLUSERS       machine-wide (IT): %ProgramFiles%\Forebygg Desktop, Start-menu
;                             entry for every user, uninstall entry under HKLM. Needs an
;                             elevated installer (SCCM/Intune run as SYSTEM, or "Run as
;                             administrator"); without one it stops with a message, exit code 2
;   /S                        silent: no pages, no questions (with either of the above)
;   /D=C:\Path                another folder (must be the last argument, no quotes)
;   uninstall.exe /S          silent uninstall; the uninstaller knows its own mode
;
; Upgrade in place: a later version installs over the earlier one in the folder it used
; (read from the uninstall entry), removing the old program files first. The data folder
; (%LOCALAPPDATA%\Norrtalje\ForebyggDesktop, or data\ beside the program in portable mode)
; is never touched by the installer or the uninstaller.

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma

!ifndef VERSION
  !error "VERSION is not defined (build/build_installer.py passes it)"
!endif
!ifndef BUNDLE_DIR
  !error "BUNDLE_DIR is not defined"
!endif
!ifndef EXE_SUFFIX
  !define EXE_SUFFIX ".exe"
!endif

!define PRODUCT "Forebygg Desktop"
!define PUBLISHER "Norrtälje kommun"
!define APP_EXE "forebygg-desktop${EXE_SUFFIX}"
!define CLI_EXE "forebygg-cli${EXE_SUFFIX}"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\ForebyggDesktop"
!define DATA_FOLDER "Norrtalje\ForebyggDesktop"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "x64.nsh"

Name "${PRODUCT}"
OutFile "${OUT_FILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${PRODUCT}"
BrandingText "${PRODUCT} ${VERSION}"

VIProductVersion "${VERSION4}"
VIAddVersionKey /LANG=0 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "FileDescription" "${PRODUCT} installer"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "LegalCopyright" "© ${PUBLISHER}, EUPL-1.2"

!ifdef ICON
  !define MUI_ICON "${ICON}"
  !define MUI_UNICON "${ICON}"
!endif
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; The installer's own texts: Swedish (the default), English, Arabic. NSIS has no Somali.
!insertmacro MUI_LANGUAGE "Swedish"
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "Arabic"

LangString NeedAdmin ${LANG_SWEDISH} "Installation för alla användare (/ALLUSERS) kräver administratörsbehörighet. Starta installationen som administratör, eller utan /ALLUSERS för att installera bara för dig."
LangString NeedAdmin ${LANG_ENGLISH} "Installing for all users (/ALLUSERS) needs administrator rights. Start the installer as administrator, or without /ALLUSERS to install for yourself only."
LangString NeedAdmin ${LANG_ARABIC} "التثبيت لجميع المستخدمين (/ALLUSERS) يحتاج إلى صلاحيات المسؤول. شغّل برنامج التثبيت كمسؤول، أو بدون /ALLUSERS للتثبيت لك وحدك."
LangString DataKept ${LANG_SWEDISH} "Programmet är borttaget. Dina uppgifter finns kvar i %LOCALAPPDATA%\${DATA_FOLDER}."
LangString DataKept ${LANG_ENGLISH} "The program was removed. Your data is kept in %LOCALAPPDATA%\${DATA_FOLDER}."
LangString DataKept ${LANG_ARABIC} "تمت إزالة البرنامج. بياناتك محفوظة في %LOCALAPPDATA%\${DATA_FOLDER}."

Var AllUsers      ; 1: machine-wide, 0: this user
Var ModeSwitch    ; the switch the uninstaller is called with

!macro SelectMode UN
Function ${UN}SelectMode
  StrCpy $AllUsers 0
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/ALLUSERS" $R1
  ${IfNot} ${Errors}
    StrCpy $AllUsers 1
  ${EndIf}
  ClearErrors
  ${GetOptions} $R0 "/CURRENTUSER" $R1
  ${IfNot} ${Errors}
    StrCpy $AllUsers 0
  ${EndIf}
  ${If} $AllUsers == 1
    UserInfo::GetAccountType
    Pop $R2
    ${If} $R2 != "Admin"
      MessageBox MB_ICONSTOP "$(NeedAdmin)" /SD IDOK
      SetErrorLevel 2
      Quit
    ${EndIf}
    SetShellVarContext all
    StrCpy $ModeSwitch "/ALLUSERS"
    SetRegView 64
  ${Else}
    SetShellVarContext current
    StrCpy $ModeSwitch "/CURRENTUSER"
  ${EndIf}
FunctionEnd
!macroend
!insertmacro SelectMode ""
!insertmacro SelectMode "un."

Function .onInit
  ; /D= given on the command line: keep it. Else an earlier install's folder (upgrade in
  ; place), else the default folder of the mode. The default is compared in the user's
  ; context, before SelectMode may switch $LOCALAPPDATA to the all-users one.
  SetShellVarContext current
  StrCpy $R7 0
  StrCmp $INSTDIR "$LOCALAPPDATA\Programs\${PRODUCT}" 0 +2
    StrCpy $R7 1
  Call SelectMode
  ${If} $R7 == 1
    ${If} $AllUsers == 1
      StrCpy $INSTDIR "$PROGRAMFILES64\${PRODUCT}"
      ReadRegStr $R0 HKLM "${UNINSTALL_KEY}" "InstallLocation"
    ${Else}
      ReadRegStr $R0 HKCU "${UNINSTALL_KEY}" "InstallLocation"
    ${EndIf}
    ${If} $R0 != ""
      StrCpy $INSTDIR $R0
    ${EndIf}
  ${EndIf}
FunctionEnd

!macro WriteUninstallEntry ROOT
  WriteRegStr ${ROOT} "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr ${ROOT} "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr ${ROOT} "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr ${ROOT} "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE}"
  WriteRegStr ${ROOT} "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr ${ROOT} "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe" $ModeSwitch'
  WriteRegStr ${ROOT} "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" $ModeSwitch /S'
  WriteRegDWORD ${ROOT} "${UNINSTALL_KEY}" "EstimatedSize" $R0
  WriteRegDWORD ${ROOT} "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD ${ROOT} "${UNINSTALL_KEY}" "NoRepair" 1
!macroend

Section "${PRODUCT}" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; Upgrade in place: the old program files go first, so no stale module of an earlier
  ; version is left behind. Only the program's own files: data\ and portable.txt stay.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  File /r "${BUNDLE_DIR}\*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0

  ${GetSize} "$INSTDIR" "/S=0K" $R0 $R1 $R2
  IntFmt $R0 "0x%08X" $R0
  ${If} $AllUsers == 1
    !insertmacro WriteUninstallEntry HKLM
  ${Else}
    !insertmacro WriteUninstallEntry HKCU
  ${EndIf}
SectionEnd


Function un.onInit
  Call un.SelectMode
FunctionEnd

Section "Uninstall"
  ; The program's files only. The data folder is elsewhere (%LOCALAPPDATA%) and stays; in
  ; portable mode data\ and portable.txt beside the program stay too (RMDir without /r
  ; removes the folder only when it is empty).
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  ${If} $AllUsers == 1
    DeleteRegKey HKLM "${UNINSTALL_KEY}"
  ${Else}
    DeleteRegKey HKCU "${UNINSTALL_KEY}"
  ${EndIf}
  IfSilent +2
    MessageBox MB_ICONINFORMATION "$(DataKept)"
SectionEnd
