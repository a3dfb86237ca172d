import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Auth } from 'src/common/auth/auth.decorators';
import { RequirePermission } from 'src/common/auth/permission';
import { Permission } from 'src/common/auth/permissions';
import type { Principal } from 'src/common/auth/principal';
import { ApiProblems } from 'src/common/http/api-problems.decorator';
import { AddRecipientDto } from 'src/settings/dto/add-recipient.dto';
import { CreateNotificationGroupDto } from 'src/settings/dto/create-notification-group.dto';
import {
  NotificationGroupListResponseDto,
  NotificationGroupResponseDto,
  RecipientResponseDto,
} from 'src/settings/dto/notification-group-response.dto';
import { UpdateNotificationGroupDto } from 'src/settings/dto/update-notification-group.dto';
import { NotificationGroupsService } from 'src/settings/notification-groups.service';

@ApiTags('notification groups')
@RequirePermission(Permission.NotificationGroupsManage)
@Controller('api/v1/notification-groups')
export class NotificationGroupsController {
  constructor(private readonly groups: NotificationGroupsService) {}

  @Get()
  @ApiOperation({ summary: "The acting company's notification groups" })
  @ApiQuery({ name: 'filter[search]', required: false, description: 'Part of the name' })
  @ApiQuery({ name: 'sort', required: false, description: 'name (default), created_at, -…' })
  @ApiQuery({ name: 'page', required: false, type: Number })
  @ApiQuery({ name: 'per_page', required: false, type: Number, description: 'At most 100' })
  @ApiResponse({ status: 200, type: NotificationGroupListResponseDto })
  @ApiProblems(401, 403, 422)
  list(
    @Auth() principal: Principal,
    @Query() query: Record<string, unknown>,
  ): Promise<NotificationGroupListResponseDto> {
    return this.groups.list(principal, query);
  }

  @Post()
  @ApiOperation({ summary: 'Create a group; names are unique per company, in any letter case' })
  @ApiResponse({ status: 201, type: NotificationGroupResponseDto })
  @ApiProblems(401, 403, 409, 422)
  create(
    @Auth() principal: Principal,
    @Body() dto: CreateNotificationGroupDto,
  ): Promise<NotificationGroupResponseDto> {
    return this.groups.create(principal, dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A group with its recipients' })
  @ApiResponse({ status: 200, type: NotificationGroupResponseDto })
  @ApiProblems(401, 403, 404)
  get(
    @Auth() principal: Principal,
    @Param('id') id: string,
  ): Promise<NotificationGroupResponseDto> {
    return this.groups.get(principal, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename a group' })
  @ApiResponse({ status: 200, type: NotificationGroupResponseDto })
  @ApiProblems(401, 403, 404, 409, 422)
  rename(
    @Auth() principal: Principal,
    @Param('id') id: string,
    @Body() dto: UpdateNotificationGroupDto,
  ): Promise<NotificationGroupResponseDto> {
    return this.groups.rename(principal, id, dto);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a group and its recipients' })
  @ApiResponse({ status: 204 })
  @ApiProblems(401, 403, 404)
  remove(@Auth() principal: Principal, @Param('id') id: string): Promise<void> {
    return this.groups.remove(principal, id);
  }

  @Post(':id/recipients')
  @ApiOperation({ summary: 'Add a user of the company ({user_id}) or any address ({email})' })
  @ApiResponse({ status: 201, type: RecipientResponseDto })
  @ApiProblems(401, 403, 404, 409, 422)
  addRecipient(
    @Auth() principal: Principal,
    @Param('id') id: string,
    @Body() dto: AddRecipientDto,
  ): Promise<RecipientResponseDto> {
    return this.groups.addRecipient(principal, id, dto);
  }

  @Delete(':id/recipients/:recipientId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Remove a recipient from a group' })
  @ApiResponse({ status: 204 })
  @ApiProblems(401, 403, 404)
  removeRecipient(
    @Auth() principal: Principal,
    @Param('id') id: string,
    @Param('recipientId') recipientId: string,
  ): Promise<void> {
    return this.groups.removeRecipient(principal, id, recipientId);
  }
}
