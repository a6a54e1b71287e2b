// electron-builder afterPack hook (electron-builder.yml): flips the Electron fuses of the packaged
// binary with @electron/fuses, before any signing. What each fuse does:
//   RunAsNode off ................ ELECTRON_RUN_AS_NODE cannot turn Kiln into a plain Node
//   NODE_OPTIONS off ............. no code injected through the environment
//   --inspect arguments off ...... no debugger attached from the command line
//   cookie encryption on ......... cookies (none today) encrypted at rest with the OS key store
//   embedded ASAR integrity on ... macOS and Windows only (Electron checks app.asar against the
//                                  hash electron-builder embeds); Linux has no such check, so the
//                                  fuse keeps Electron's default there
//   only load app from ASAR on ... no app folder planted beside app.asar is ever loaded
//   file:// extra privileges off . the app is served from app://kiln, never from file://
// The packaging test (test/packaging) reads the fuses back from the packaged binary.
import { FuseV1Options, FuseVersion } from '@electron/fuses'

const ARM64 = 3 // electron-builder's Arch.arm64

/** The fuse configuration for one platform (electron-builder's electronPlatformName). */
export function kilnFuses(platform, arch) {
  const asarIntegrity = platform === 'darwin' || platform === 'mas' || platform === 'win32'
  return {
    version: FuseVersion.V1,
    // An arm64 macOS binary must be re-signed ad hoc after its bytes change.
    resetAdHocDarwinSignature: platform === 'darwin' && arch === ARM64,
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    ...(asarIntegrity ? { [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true } : {}),
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false
  }
}

export default async function afterPack(context) {
  // electron-builder finds the packaged binary for the platform (kiln, Kiln.exe, Kiln.app).
  await context.packager.addElectronFuses(
    context,
    kilnFuses(context.electronPlatformName, context.arch)
  )
}
