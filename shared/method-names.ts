/**
 * The contract's method names as plain data, so the Electron preload and the web client
 * can build `window.kiln` without bundling the input schemas (zod). The type checks below
 * fail the build if this list and shared/contract.ts ever disagree.
 */
import type { MethodName } from './contract.js'

export const METHOD_NAME_LIST = [
  'app:info',
  'station:status',
  'station:init',
  'station:unlock',
  'station:lock',
  'station:updateProfile',
  'station:exportKey',
  'audit:verify',
  'backup:create',
  'backup:settings',
  'backup:list',
  'host:pickFolder',
  'host:revealPath',
  'host:openUrl',
  'badges:list',
  'badges:get',
  'badges:create',
  'badges:update',
  'badges:publish',
  'badges:archive',
  'badges:image',
  'badges:uploadImage',
  'badges:renderPreview',
  'awards:list',
  'awards:issue',
  'awards:revoke',
  'awards:reissue',
  'awards:batchPreview',
  'awards:batchStart',
  'credentials:get',
  'credentials:verify',
  'credentials:export',
  'recipients:list',
  'recipients:get',
  'recipients:create',
  'recipients:update',
  'recipients:merge',
  'recipients:importPreview',
  'recipients:import',
  'jobs:get',
  'jobs:list',
  'jobs:cancel',
  'checkins:import',
  'checkins:list',
  'rules:list',
  'rules:create',
  'rules:update',
  'rules:delete',
  'rules:run',
  'certificates:preview',
  'certificates:export',
  'bundle:export',
  'bundle:verify',
  'bundle:status',
  'stations:export',
  'stations:merge',
  'keys:list',
  'keys:rotate',
  'analytics:summary',
  'audit:list'
] as const satisfies readonly MethodName[]

type Listed = (typeof METHOD_NAME_LIST)[number]
const _everyMethodListed: [Exclude<MethodName, Listed>] extends [never] ? true : false = true
void _everyMethodListed
