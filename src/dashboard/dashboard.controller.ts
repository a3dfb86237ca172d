import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from 'src/common/auth/auth.decorators';
import { DashboardService } from 'src/dashboard/dashboard.service';

const HTML = 'text/html; charset=utf-8';

/** The default DASHBOARD_URL: where SSO sign-ins land when no real dashboard is configured. */
@ApiExcludeController()
@Public()
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get()
  @Header('content-type', HTML)
  @Header('cache-control', 'no-store')
  home(): string {
    return this.dashboard.asset('dashboard');
  }

  @Get('login')
  @Header('content-type', HTML)
  @Header('cache-control', 'no-store')
  login(): string {
    return this.dashboard.asset('login');
  }

  @Get('app.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  script(): string {
    return this.dashboard.asset('script');
  }
}
