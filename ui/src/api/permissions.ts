import { ROLE_PERMISSIONS, type Permission, type Role } from './generated';

/** Whether a role holds a permission: the core's own table (`role_grants`), generated. */
export function roleGrants(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
