import { Injectable } from '@nestjs/common';
import { DASHBOARD_PAGE, DASHBOARD_SCRIPT, LOGIN_PAGE } from 'src/dashboard/dashboard.pages';

export type DashboardAsset = 'dashboard' | 'login' | 'script';

const ASSETS: Record<DashboardAsset, string> = {
  dashboard: DASHBOARD_PAGE,
  login: LOGIN_PAGE,
  script: DASHBOARD_SCRIPT,
};

/** Serves the minimal dashboard's fixed pages and script. */
@Injectable()
export class DashboardService {
  asset(name: DashboardAsset): string {
    return ASSETS[name];
  }
}
